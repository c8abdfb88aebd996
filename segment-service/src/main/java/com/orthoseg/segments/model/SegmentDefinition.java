package com.orthoseg.segments.model;

import java.util.List;
import java.util.Map;

/**
 * A segment as a model version defines it.
 *
 * @param generatedName what the segment is called unless an operator renamed it
 * @param distinctions  the features that set it apart, strongest first (cluster segments)
 * @param profile       feature means in original units over the training doctors in the segment
 * @param size          doctors in the segment when the version was trained
 */
public record SegmentDefinition(String id, String generatedName, String description, List<Distinction> distinctions,
                                Map<String, Double> profile, int size) {

    /**
     * @param typical typical value in the segment (the centroid, back in original units)
     * @param overall the typical value over all doctors
     */
    public record Distinction(String feature, boolean higher, double zScore, double typical, double overall) {
    }
}
