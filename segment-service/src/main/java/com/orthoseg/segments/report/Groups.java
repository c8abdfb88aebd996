package com.orthoseg.segments.report;

import com.orthoseg.events.DoctorRank;

import java.util.Locale;

/** The labels doctors are grouped by in the reports. */
final class Groups {

    static final String NONE = "(none)";

    private Groups() {
    }

    static String region(ReportDoctor doctor) {
        return doctor.region() == null || doctor.region().isBlank() ? NONE : doctor.region();
    }

    static String category(ReportDoctor doctor) {
        Double specialist = doctor.feature("isSpecialist");
        return specialist == null ? NONE : specialist == 1 ? "Specialist" : "General practitioner";
    }

    static String rank(ReportDoctor doctor) {
        Double ordinal = doctor.feature("rankOrdinal");
        if (ordinal == null || ordinal < 1 || ordinal > DoctorRank.values().length) {
            return NONE;
        }
        return label(DoctorRank.values()[ordinal.intValue() - 1]);
    }

    /** SILVER_PLUS → "Silver plus" */
    static String label(DoctorRank rank) {
        String name = rank.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
