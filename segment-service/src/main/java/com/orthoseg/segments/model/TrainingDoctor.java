package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;

import java.util.Map;

/** A profiled doctor's latest features, as a retrain reads them. */
public record TrainingDoctor(String doctorId, Map<String, Double> features, Coverage coverage) {
}
