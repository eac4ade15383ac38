/*
 * jni_md.h for 64-bit Windows, for cross-building the launcher on Linux: a JDK ships only its
 * own platform's jni_md.h (include/linux, include/darwin or include/win32), and jni.h, which the
 * build takes from the JDK it is given, includes this one for the platform-dependent part. It
 * states the JNI ABI of 64-bit Windows: jint is a 32-bit long (C long is 32 bits there), jlong
 * is __int64, exported symbols are dllexport. JNICALL is empty, as JDK 24+'s jni.h defines it
 * (x64 has one calling convention, so older JDKs' __stdcall meant the same); an identical
 * definition here lets an older jni.h, which expects it from jni_md.h, compile too.
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#ifndef JNIEXPORT
#define JNIEXPORT __declspec(dllexport)
#endif
#define JNIIMPORT __declspec(dllimport)
#define JNICALL

typedef long jint;
typedef __int64 jlong;
typedef signed char jbyte;

#endif
