package com.orthoseg.segments.report;

/** One profiled doctor on the purchases-versus-complaints chart, with its current segment of each scheme (null if none). */
public record ScatterPoint(String doctorId, double purchases, double complaints, String clusters, String rfm) {
}
