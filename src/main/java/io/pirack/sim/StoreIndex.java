package io.pirack.sim;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys of fabric8's CRUD store by name and by resource (plural), kept beside the store's own map, so
 * that a request for one object or one kind does not match its query against every object stored.
 *
 * <p>It only narrows the search, it never decides it: the keys it offers are still matched with
 * {@link AttributeSet#matches} by the caller, in the store's own order (the order in which the keys were
 * stored, as the store's {@code LinkedHashMap} iterates them). A query attribute of type {@code WITH} is
 * satisfied only by a key holding an {@link Attribute} equal to it (same key, same values), so the keys
 * under that attribute are all the keys that can match. The store's {@code Value} treats {@code "*"} as
 * equal to anything; a query naming {@code "*"} is answered from every key, and keys holding {@code "*"}
 * are offered to every query. Not thread-safe: the dispatcher's lock guards it as it guards the map.
 */
final class StoreIndex {

    private static final String NAME = "name";
    private static final String PLURAL = "plural";
    private static final String ANY_TEXT = "*";

    private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();
    private final Map<Attribute, Set<AttributeSet>> byPlural = new HashMap<>();
    /** Keys whose name or plural is the wildcard: they may match any query. */
    private final Set<AttributeSet> wildcards = new LinkedHashSet<>();
    /** The order in which the store iterates its keys. */
    private final Map<AttributeSet, Long> order = new HashMap<>();
    private long next;
    /** Counted under the read lock, by more than one reader at a time. */
    private final AtomicInteger fullScans = new AtomicInteger();

    /** As {@code map.put(key, …)}: a key already stored keeps its place. */
    void add(AttributeSet key) {
        if (order.putIfAbsent(key, next) != null) {
            return;
        }
        next++;
        Attribute name = key.getAttribute(NAME);
        Attribute plural = key.getAttribute(PLURAL);
        if (isWildcard(name) || isWildcard(plural)) {
            wildcards.add(key);
        }
        if (name != null) {
            byName.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(key);
        }
        if (plural != null) {
            byPlural.computeIfAbsent(plural, k -> new LinkedHashSet<>()).add(key);
        }
    }

    /** As {@code map.remove(key)}. */
    void remove(AttributeSet key) {
        if (key == null || order.remove(key) == null) {
            return;
        }
        wildcards.remove(key);
        removeFrom(byName, key.getAttribute(NAME), key);
        removeFrom(byPlural, key.getAttribute(PLURAL), key);
    }

    void clear() {
        byName.clear();
        byPlural.clear();
        wildcards.clear();
        order.clear();
    }

    /** How many queries had to be matched against every key. */
    int fullScans() {
        return fullScans.get();
    }

    /**
     * The stored keys that match {@code query}, in the store's order: the same keys, in the same order, as
     * matching the query against every key of {@code store} (the store's map, iterated in its order).
     */
    List<AttributeSet> matching(AttributeSet query, Map<AttributeSet, ?> store) {
        Collection<AttributeSet> candidates = candidates(query);
        List<AttributeSet> found = new ArrayList<>();
        if (candidates == null) {
            fullScans.incrementAndGet();
            synchronized (store) {
                for (AttributeSet key : store.keySet()) {
                    if (key.matches(query)) {
                        found.add(key);
                    }
                }
            }
            return found;
        }
        for (AttributeSet key : candidates) {
            if (key.matches(query)) {
                found.add(key);
            }
        }
        return found;
    }

    /** The first key {@link #matching} would give, or null. */
    AttributeSet first(AttributeSet query, Map<AttributeSet, ?> store) {
        List<AttributeSet> found = matching(query, store);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The keys that may match, in the store's order; null when only a look at every key can tell. */
    private Collection<AttributeSet> candidates(AttributeSet query) {
        Set<AttributeSet> bucket = bucket(byName, query.getAttribute(NAME));
        if (bucket == null) {
            bucket = bucket(byPlural, query.getAttribute(PLURAL));
        }
        if (bucket == null) {
            return null;
        }
        if (wildcards.isEmpty()) {
            return bucket;
        }
        Set<AttributeSet> union = new LinkedHashSet<>(bucket);
        union.addAll(wildcards);
        List<AttributeSet> sorted = new ArrayList<>(union);
        sorted.sort(Comparator.comparing(order::get));
        return sorted;
    }

    private static Set<AttributeSet> bucket(Map<Attribute, Set<AttributeSet>> index, Attribute wanted) {
        if (wanted == null || wanted.getType() != AttributeType.WITH || isWildcard(wanted)) {
            return null;
        }
        return index.getOrDefault(wanted, Set.of());
    }

    private static boolean isWildcard(Attribute attribute) {
        return attribute != null && attribute.getValues().stream().anyMatch(v -> ANY_TEXT.equals(v.toString()));
    }

    private static void removeFrom(Map<Attribute, Set<AttributeSet>> index, Attribute attribute, AttributeSet key) {
        if (attribute == null) {
            return;
        }
        Set<AttributeSet> keys = index.get(attribute);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                index.remove(attribute);
            }
        }
    }
}
