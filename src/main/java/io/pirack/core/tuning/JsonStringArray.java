package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of strings, the one JSON shape PiRack meets in node annotations
 * ({@code k3s.io/node-args}). Kept here, dependency-free, so settings can be read from a pure
 * cluster snapshot.
 */
public final class JsonStringArray {

    private final String text;
    private int pos;

    private JsonStringArray(String text) {
        this.text = text;
    }

    public static Validation<List<String>> parse(String text) {
        if (text == null) {
            return Validation.invalid("no JSON text");
        }
        try {
            return Validation.valid(new JsonStringArray(text).array());
        } catch (IllegalArgumentException e) {
            return Validation.invalid("not a JSON array of strings: " + e.getMessage());
        }
    }

    private List<String> array() {
        skipSpace();
        expect('[');
        List<String> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                items.add(string());
                skipSpace();
                char c = next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or ] at offset " + (pos - 1));
                }
            }
        }
        skipSpace();
        if (pos != text.length()) {
            throw new IllegalArgumentException("unexpected text after the array at offset " + pos);
        }
        return items;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at offset " + (pos - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw new IllegalArgumentException("bad escape \\" + escape + " at offset " + (pos - 2));
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw new IllegalArgumentException("truncated \\u escape at offset " + pos);
        }
        String hex = text.substring(pos, pos + 4);
        pos += 4;
        try {
            return (char) Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad \\u escape \"" + hex + "\"");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of text");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char wanted) {
        char c = next();
        if (c != wanted) {
            throw new IllegalArgumentException("expected " + wanted + " at offset " + (pos - 1) + " but found " + c);
        }
    }
}
