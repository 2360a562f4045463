package io.pirack.core.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flags to set and flags to remove on one component. Applying keeps every other flag exactly as it
 * was; a flag set anew is inserted in alphabetical order (kubeadm writes its flags sorted).
 */
public record FlagChanges(SortedMap<String, String> set, Set<String> remove) {

    public FlagChanges {
        set = Collections.unmodifiableSortedMap(new TreeMap<>(set));
        remove = Collections.unmodifiableSet(new TreeSet<>(remove));
        for (String name : set.keySet()) {
            if (remove.contains(name)) {
                throw new IllegalArgumentException("flag " + name + " both set and removed");
            }
        }
    }

    public static FlagChanges setting(Map<String, String> set) {
        return new FlagChanges(new TreeMap<>(set), Set.of());
    }

    public FlagChanges removing(String name) {
        Set<String> more = new TreeSet<>(remove);
        more.add(name);
        return new FlagChanges(set, more);
    }

    public boolean isEmpty() {
        return set.isEmpty() && remove.isEmpty();
    }

    /** What the flags should read after the change, given what they read before. */
    public FlagSet applyTo(FlagSet before) {
        List<String> words = new ArrayList<>();
        before.asMap().forEach((name, value) -> {
            if (!remove.contains(name) && !set.containsKey(name)) {
                words.add(name + "=" + value);
            }
        });
        set.forEach((name, value) -> words.add(name + "=" + value));
        return FlagSet.fromComponentArgs(words);
    }

    /**
     * Applies the change to a list of flag words: {@code --name=value} when {@code dashed} (a
     * container command), {@code name=value} otherwise (k3s component args). Words that are not
     * flags (the program name) stay where they are.
     */
    public List<String> applyToWords(List<String> words, boolean dashed) {
        String prefix = dashed ? "--" : "";
        List<String> out = new ArrayList<>();
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = flagName(word, dashed);
            if (name == null || (!set.containsKey(name) && !remove.contains(name))) {
                out.add(word);
                continue;
            }
            boolean separateValue = dashed && !word.contains("=") && i + 1 < words.size() && !words.get(i + 1).startsWith("-");
            if (separateValue) {
                i++;
            }
            if (set.containsKey(name) && written.add(name)) {
                out.add(prefix + name + "=" + set.get(name));
            }
        }
        for (Map.Entry<String, String> entry : set.entrySet()) {
            if (!written.contains(entry.getKey())) {
                out.add(insertionIndex(out, entry.getKey(), dashed), prefix + entry.getKey() + "=" + entry.getValue());
            }
        }
        return out;
    }

    private static int insertionIndex(List<String> words, String name, boolean dashed) {
        int lastFlag = -1;
        for (int i = 0; i < words.size(); i++) {
            String existing = flagName(words.get(i), dashed);
            if (existing == null) {
                continue;
            }
            if (existing.compareTo(name) > 0) {
                return i;
            }
            lastFlag = i;
        }
        return lastFlag < 0 ? words.size() : lastFlag + 1;
    }

    static String flagName(String word, boolean dashed) {
        if (dashed && !word.startsWith("--")) {
            return null;
        }
        String body = FlagSet.stripDashes(word.strip());
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        return name.isEmpty() ? null : name;
    }
}
