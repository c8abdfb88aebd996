package com.orthoseg.features.messaging;

import com.orthoseg.events.OrderPlaced;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How a poll is cut into doctor-disjoint parts: a unit test of {@link EventsConsumer#byDoctor}. */
class PollPartsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static IncomingEvent order(String doctorId, String orderId) {
        return new IncomingEvent(UUID.randomUUID(), doctorId, T,
                new OrderPlaced(doctorId, orderId, null, T, BigDecimal.ONE, Map.of()), null);
    }

    @Test
    void eachDoctorsEventsStayInOnePartInArrivalOrder() {
        List<IncomingEvent> poll = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int doctor = 0; doctor < 200; doctor++) {
                poll.add(order("D" + doctor, "O" + doctor + "-" + round));
            }
        }

        List<List<IncomingEvent>> parts = EventsConsumer.byDoctor(poll, 8);

        assertThat(parts).hasSizeBetween(2, 8).allSatisfy(part -> assertThat(part).isNotEmpty());
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(poll.size());
        Map<String, Integer> partOfDoctor = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            for (IncomingEvent event : parts.get(p)) {
                assertThat(partOfDoctor.putIfAbsent(event.doctorId(), p)).isIn(null, p);
            }
        }
        for (List<IncomingEvent> part : parts) {
            List<IncomingEvent> inPollOrder = poll.stream().filter(part::contains).toList();
            assertThat(part).containsExactlyElementsOf(inPollOrder);
        }
    }

    @Test
    void anOrderMovedToAnotherDoctorKeepsThePollInOnePart() {
        List<IncomingEvent> poll = List.of(order("D1", "O1"), order("D2", "O2"), order("D3", "O1"));

        assertThat(EventsConsumer.byDoctor(poll, 4)).containsExactly(poll);
    }
}
