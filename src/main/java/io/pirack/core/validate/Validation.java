package io.pirack.core.validate;

/**
 * The result of checking one user-supplied value: the normalised value, or a message that says
 * exactly what is wrong. Validators never throw for bad input; callers decide how to report it.
 */
public sealed interface Validation<T> {

    record Valid<T>(T value) implements Validation<T> {}

    record Invalid<T>(String message) implements Validation<T> {}

    static <T> Validation<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Validation<T> invalid(String message) {
        return new Invalid<>(message);
    }

    default boolean isValid() {
        return this instanceof Valid<T>;
    }

    /** The value, or an {@link IllegalArgumentException} carrying the message. */
    default T orThrow() {
        if (this instanceof Valid<T> v) {
            return v.value();
        }
        throw new IllegalArgumentException(((Invalid<T>) this).message());
    }

    default String message() {
        return this instanceof Invalid<T> i ? i.message() : "";
    }
}
