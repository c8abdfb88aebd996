package com.orthoseg.segments.report;

import com.orthoseg.segments.assign.SegmentCatalog.SchemeView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Every answer of the reports, computed together from one read of the doctors. Registered for
 * reflection with everything it holds: the JSON report is a Response entity, which Quarkus REST cannot
 * see from the method signature in a native image.
 */
@RegisterForReflection(registerFullHierarchy = true)
public record SegmentationReport(Instant generatedAt, DataCoverage coverage, RegionBreakdown regions,
                                 PurchasesVsComplaints purchasesVsComplaints, List<SchemeReport> schemes) {

    static SegmentationReport of(Instant generatedAt, List<ReportDoctor> doctors, List<SchemeView> schemes) {
        List<ReportDoctor> profiled = doctors.stream().filter(d -> d.coverage().hasProfile()).toList();
        return new SegmentationReport(generatedAt, DataCoverage.of(doctors), RegionBreakdown.of(profiled),
                PurchasesVsComplaints.of(doctors),
                schemes.stream().filter(s -> s.modelVersion() != null).map(s -> SchemeReport.of(s, doctors)).toList());
    }
}
