package com.orthoseg.events;

import java.util.Locale;
import java.util.Optional;

/** Ranks from lowest to highest; {@link #level()} is the feature {@code rankOrdinal}. */
public enum DoctorRank {
    SILVER, SILVER_PLUS, GOLD, GOLD_PLUS, PLATINUM, PLATINUM_PLUS, TITANIUM, TITANIUM_PLUS, AMBASSADOR;

    /** Silver = 1 … Ambassador = 9. */
    public int level() {
        return ordinal() + 1;
    }

    /** Reads a rank given as an enum name ({@code SILVER_PLUS}) or as a label ({@code "Silver Plus"}). */
    public static Optional<DoctorRank> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (DoctorRank rank : values()) {
            if (rank.name().equals(name)) {
                return Optional.of(rank);
            }
        }
        return Optional.empty();
    }
}
