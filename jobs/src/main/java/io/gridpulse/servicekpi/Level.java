package io.gridpulse.servicekpi;

/**
 * The organisational units KPIs are computed for. Station and county figures are computed from
 * their tickets, customers, notices, payments and reads themselves, never from grid figures.
 */
public enum Level {
    GRID,
    STATION,
    COUNTY
}
