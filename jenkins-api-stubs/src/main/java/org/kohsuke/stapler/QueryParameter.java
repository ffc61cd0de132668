package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Stapler's {@code org.kohsuke.stapler.QueryParameter} (1903.1905.ve5a_f469356f0): binds a web method's
 * parameter to the request parameter of the parameter's name (a form's {@code doCheck...} gets the field's value as
 * {@code value} and other fields by their names).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    /** The request parameter's name; the Java parameter's name when empty. */
    String value() default "";

    /** Whether a missing parameter is an error. */
    boolean required() default false;

    /** Whether an empty value is passed as null. */
    boolean fixEmpty() default false;
}
