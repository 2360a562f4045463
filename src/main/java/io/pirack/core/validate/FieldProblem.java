package io.pirack.core.validate;

/**
 * One thing wrong with a stored document, named by the field that holds it.
 *
 * @param field   where, in the document's own terms: {@code deadManSeconds}, {@code slots[1].hostname}
 * @param message what is wrong, one sentence without the field name
 */
public record FieldProblem(String field, String message) {
}
