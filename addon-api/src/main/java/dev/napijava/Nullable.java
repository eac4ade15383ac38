package dev.napijava;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link JsExport} parameter as optional ({@code undefined} or {@code null} in JS is
 * Java {@code null}), or a result or record component that may be {@code null}. Boxed
 * primitives and {@code Optional} are nullable without it. Any annotation named
 * {@code Nullable} (JSpecify, JSR 305) is read the same way.
 *
 * <p>Thread: not applicable (read at compile time).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Nullable {}
