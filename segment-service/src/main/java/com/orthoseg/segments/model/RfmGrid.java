package com.orthoseg.segments.model;

import java.util.List;

/** DESIGN.md's RFM segments: R (rows 5..1) against FM (columns 1..5), with each segment's default playbook. */
public final class RfmGrid {

    public record RfmSegment(String id, String name, String playbook) {
    }

    public static final RfmSegment CHAMPIONS = new RfmSegment("champions", "Champions",
            "Reward them: early access to new devices, invitations to advisory boards and workshops; ask for referrals and case studies.");
    public static final RfmSegment LOYAL = new RfmSegment("loyal", "Loyal",
            "Offer higher ranks and loyalty pricing; upsell complementary devices; ask for product feedback.");
    public static final RfmSegment POTENTIAL_LOYALIST = new RfmSegment("potential-loyalist", "Potential Loyalist",
            "Offer a membership or rank upgrade path; recommend the devices peers in Loyal order.");
    public static final RfmSegment NEW_CUSTOMERS = new RfmSegment("new-customers", "New Customers",
            "Onboard: product training, a named support contact, a follow-up call after the first order.");
    public static final RfmSegment PROMISING = new RfmSegment("promising", "Promising",
            "Build the relationship: free trials, sample kits, visits by the field team.");
    public static final RfmSegment NEED_ATTENTION = new RfmSegment("need-attention", "Need Attention",
            "Reactivate with limited-time offers and recommendations based on past orders; check satisfaction.");
    public static final RfmSegment ABOUT_TO_SLEEP = new RfmSegment("about-to-sleep", "About To Sleep",
            "Share relevant clinical content and new-device news; a service call to surface unresolved issues.");
    public static final RfmSegment AT_RISK = new RfmSegment("at-risk", "At Risk",
            "Personal outreach by the account manager; review complaints and support history; renewal offers.");
    public static final RfmSegment CANNOT_LOSE_THEM = new RfmSegment("cannot-lose-them", "Cannot Lose Them",
            "Win them back before competitors do: senior account manager visit, tailored terms, fix open complaints first.");
    public static final RfmSegment LOST = new RfmSegment("lost", "Lost",
            "Low-cost win-back campaign only; ask why they left; otherwise do not spend.");

    public static final List<RfmSegment> ALL = List.of(CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW_CUSTOMERS, PROMISING,
            NEED_ATTENTION, ABOUT_TO_SLEEP, AT_RISK, CANNOT_LOSE_THEM, LOST);

    /** GRID[5 − R][FM − 1], as the table of DESIGN.md reads. */
    private static final RfmSegment[][] GRID = {
            {NEW_CUSTOMERS, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS, CHAMPIONS},
            {PROMISING, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS, CHAMPIONS},
            {ABOUT_TO_SLEEP, NEED_ATTENTION, NEED_ATTENTION, LOYAL, LOYAL},
            {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, AT_RISK, AT_RISK, CANNOT_LOSE_THEM},
            {LOST, LOST, AT_RISK, CANNOT_LOSE_THEM, CANNOT_LOSE_THEM}};

    private RfmGrid() {
    }

    /** The segment of scores R, F, M (each 1..5); FM = (F + M + 1) div 2. */
    public static RfmSegment segment(int r, int f, int m) {
        int fm = (f + m + 1) / 2;
        return GRID[5 - r][fm - 1];
    }

    public static RfmSegment byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
