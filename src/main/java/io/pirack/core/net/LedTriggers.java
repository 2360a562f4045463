package io.pirack.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Pi LED's {@code /sys/class/leds/<led>/trigger} file: every trigger the kernel offers, the active
 * one in brackets ({@code none mmc0 timer [heartbeat] …}).
 */
public record LedTriggers(List<String> available, Optional<String> active) {

    public LedTriggers {
        available = List.copyOf(available);
    }

    public static LedTriggers parse(String text) {
        List<String> available = new ArrayList<>();
        Optional<String> active = Optional.empty();
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("[") && token.endsWith("]") && token.length() > 2) {
                token = token.substring(1, token.length() - 1);
                active = Optional.of(token);
            }
            if (token.matches("[A-Za-z0-9_.:-]+")) {
                available.add(token);
            }
        }
        return new LedTriggers(available, active);
    }

    public boolean offers(String trigger) {
        return available.contains(trigger);
    }
}
