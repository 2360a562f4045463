package io.pirack.core.cluster;

/** A pod toleration. {@code seconds} is null when the pod tolerates the taint forever. */
public record Toleration(String key, String operator, String value, String effect, Long seconds) {

    /** Whether this toleration covers a taint with the given key and effect. */
    public boolean tolerates(String taintKey, String taintEffect) {
        boolean keyMatches = key == null || key.isEmpty()
                ? "Exists".equals(operator)
                : key.equals(taintKey);
        boolean effectMatches = effect == null || effect.isEmpty() || effect.equals(taintEffect);
        return keyMatches && effectMatches;
    }
}
