package io.gridpulse.simulator;

/**
 * Chooses the customers of the scripted disconnection cases, a few of every {@link CaseType}, plus
 * the still-in-arrears customers whose relay sticks (CONSUMPTION_WHILE_OFF), and schedules their
 * stories. Customers with an agreement are never in arrears cases: the bank or the prepaid balance
 * would pay.
 */
final class CasePlanner {

    private static final double CASE_SHARE = 0.0015;

    private final Company company;
    private final GroundTruthRecorder truth;

    CasePlanner(Company company, GroundTruthRecorder truth) {
        this.company = company;
        this.truth = truth;
    }

    void plan(CandidatePicker picker, int customers) {
        int quota = CandidatePicker.quota(customers, CASE_SHARE);
        for (CaseType type : CaseType.values()) {
            picker.pick(quota, household -> open(household, type));
        }
        picker.pick(
                CandidatePicker.quota(customers, FaultPlanner.FAULT_SHARE),
                household -> {
                    if (!household.meter().cadence().isInterval()
                            || household.account().hasAgreement()) {
                        return false;
                    }
                    household.inject(new StuckRelay());
                    return open(household, CaseType.STILL_IN_ARREARS);
                });
    }

    private boolean open(Household household, CaseType type) {
        if (household.account().hasAgreement()) {
            return false;
        }
        DisconnectionCase serviceCase = new DisconnectionCase(household, type);
        serviceCase.schedule(company);
        truth.serviceCase(serviceCase);
        return true;
    }
}
