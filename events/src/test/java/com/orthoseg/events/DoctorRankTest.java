package com.orthoseg.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorRankTest {

    @Test
    void readsDatacampLabelsAndEnumNames() {
        assertThat(DoctorRank.parse("Silver Plus")).contains(DoctorRank.SILVER_PLUS);
        assertThat(DoctorRank.parse(" titanium  plus ")).contains(DoctorRank.TITANIUM_PLUS);
        assertThat(DoctorRank.parse("PLATINUM_PLUS")).contains(DoctorRank.PLATINUM_PLUS);
        assertThat(DoctorRank.parse("Bronze")).isEmpty();
    }

    @Test
    void levelsRunFromSilverOneToAmbassadorNine() {
        assertThat(DoctorRank.SILVER.level()).isEqualTo(1);
        assertThat(DoctorRank.AMBASSADOR.level()).isEqualTo(9);
    }
}
