package io.gridpulse.simulator;

import java.time.Instant;

/**
 * One anomaly the simulator injected, as the consumption job should find it.
 *
 * @param meterId the meter
 * @param customerId its customer, null for a meter not in the customer data
 * @param rule which rule should fire
 * @param eventTime when it shows: see {@link AnomalyType} per rule
 * @param until when it stops showing; equal to {@code eventTime} for a single read
 * @param detail what was done, for a person reading the ground truth
 */
public record InjectedAnomaly(
        String meterId,
        String customerId,
        AnomalyType rule,
        Instant eventTime,
        Instant until,
        String detail) {}
