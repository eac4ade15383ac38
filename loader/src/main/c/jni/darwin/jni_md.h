/*
 * jni_md.h for macOS (x86-64 and arm64), for cross-building the launcher on Linux: a JDK ships
 * only its own platform's jni_md.h (include/linux, include/darwin or include/win32), and jni.h,
 * which the build takes from the JDK it is given, includes this one for the platform-dependent
 * part. It states the JNI ABI of macOS: the same as every LP64 Unix (jint is int, jlong is
 * long, JNICALL is the C calling convention, exported symbols have default visibility). JNICALL
 * is empty, as JDK 24+'s jni.h defines it; an identical definition here lets an older jni.h,
 * which expects it from jni_md.h, compile too.
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#ifndef JNIEXPORT
#define JNIEXPORT __attribute__((visibility("default")))
#endif
#define JNIIMPORT __attribute__((visibility("default")))
#define JNICALL

typedef int jint;
typedef long jlong;
typedef signed char jbyte;

#endif
