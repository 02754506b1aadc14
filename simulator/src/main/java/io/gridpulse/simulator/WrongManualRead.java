package io.gridpulse.simulator;

/**
 * MANUAL_READ_MISMATCH: a meter reader writes down a wrong register (digits swapped) during a visit
 * off the AMI schedule, and the read reaches the head-end days later. The AMI reads stay genuine;
 * the visit is scheduled by {@link FaultPlanner}.
 */
final class WrongManualRead extends Fault {}
