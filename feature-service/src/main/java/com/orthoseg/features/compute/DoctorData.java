package com.orthoseg.features.compute;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;

import java.util.List;

/** Everything known of one doctor: the latest profile and instructions, every order and complaint. */
public record DoctorData(String doctorId, DoctorProfile profile, InstructionsPreference instructions,
                         List<OrderFact> orders, List<ComplaintFiled> complaints) {
}
