package io.pirack.core.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small tokenizer for XML property lists as {@code plutil -convert xml1} prints them: dict, array,
 * key, string, integer, real, date, data, true, false. Values become Map, List, String, Long,
 * Boolean (data, real and date stay text). It never fetches the DTD and keeps core free of I/O.
 */
public final class PlistXml {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z]+)\\s*(/?)>|<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE[^>]*>|<plist[^>]*>",
            Pattern.DOTALL);

    private PlistXml() {
    }

    /** Thrown for text that is not a property list; the message says where. */
    public static final class PlistException extends Exception {
        PlistException(String message) {
            super(message);
        }
    }

    public static Object parse(String xml) throws PlistException {
        Deque<Object> containers = new ArrayDeque<>();
        Deque<String> pendingKeys = new ArrayDeque<>();
        Object root = null;
        Matcher m = TAG.matcher(xml);
        int textStart = 0;
        String openLeaf = null;
        while (m.find()) {
            String name = m.group(2);
            if (name == null) {
                textStart = m.end();
                continue;
            }
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosing = !m.group(3).isEmpty();
            if (name.equals("plist")) {
                textStart = m.end();
                continue;
            }
            if (openLeaf != null) {
                if (!closing || !name.equals(openLeaf)) {
                    throw new PlistException("<" + openLeaf + "> is not closed before <" + m.group(1) + name + ">");
                }
                Object value = leaf(openLeaf, unescape(xml.substring(textStart, m.start())));
                openLeaf = null;
                if (name.equals("key")) {
                    pendingKeys.push((String) value);
                } else {
                    root = add(containers, pendingKeys, value, root);
                }
                textStart = m.end();
                continue;
            }
            if (closing) {
                if (containers.isEmpty()) {
                    throw new PlistException("unexpected </" + name + ">");
                }
                Object done = containers.pop();
                root = add(containers, pendingKeys, done, root);
            } else if (name.equals("dict") || name.equals("array")) {
                Object container = name.equals("dict") ? new LinkedHashMap<String, Object>() : new ArrayList<Object>();
                if (selfClosing) {
                    root = add(containers, pendingKeys, container, root);
                } else {
                    containers.push(container);
                }
            } else if (selfClosing) {
                root = add(containers, pendingKeys, leaf(name, ""), root);
            } else {
                openLeaf = name;
            }
            textStart = m.end();
        }
        if (!containers.isEmpty() || openLeaf != null || root == null) {
            throw new PlistException("the property list ends before it is complete");
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Deque<Object> containers, Deque<String> keys, Object value, Object root) throws PlistException {
        if (containers.isEmpty()) {
            return value;
        }
        Object parent = containers.peek();
        if (parent instanceof Map<?, ?> map) {
            if (keys.isEmpty()) {
                throw new PlistException("a value in a <dict> has no <key>");
            }
            ((Map<String, Object>) map).put(keys.pop(), value);
        } else {
            ((List<Object>) parent).add(value);
        }
        return root;
    }

    private static Object leaf(String type, String text) throws PlistException {
        switch (type) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "integer":
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new PlistException("<integer> '" + text.strip() + "' is not a number");
                }
            case "key":
            case "string":
            case "data":
            case "date":
            case "real":
                return type.equals("data") ? text.strip() : text;
            default:
                throw new PlistException("unknown element <" + type + ">");
        }
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Follows dict keys, e.g. {@code at(root, "NAT", "Enabled")}. */
    public static Optional<Object> at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** Reads com.apple.nat.plist: NAT.Enabled, NAT.SharingDevices (or SharingInterfaces), the primary device. */
    public static NatConfig natConfig(String xml) throws PlistException {
        Object root = parse(xml);
        if (at(root, "NAT").isEmpty()) {
            throw new PlistException("no NAT dictionary");
        }
        Object enabled = at(root, "NAT", "Enabled").orElse(0L);
        boolean on = Long.valueOf(1L).equals(enabled) || Boolean.TRUE.equals(enabled);
        List<String> devices = new ArrayList<>();
        Object shared = at(root, "NAT", "SharingDevices").or(() -> at(root, "NAT", "SharingInterfaces")).orElse(List.of());
        if (shared instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(devices::add);
        }
        String primary = at(root, "NAT", "PrimaryInterface", "Device").filter(String.class::isInstance).map(String.class::cast).orElse("");
        return new NatConfig(on, devices, primary);
    }
}
