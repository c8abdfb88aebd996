package com.orthoseg.events;

public enum DoctorCategory {
    SPECIALIST,
    GENERAL_PRACTITIONER
}
