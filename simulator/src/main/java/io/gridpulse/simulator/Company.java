package io.gridpulse.simulator;

/**
 * The utility's departments the simulated customers deal with, wired to one run's clock and output.
 */
record Company(
        RunWindow window,
        City city,
        Agenda agenda,
        TickBuffer out,
        Billing billing,
        Cashier cashier,
        NoticeDesk notices,
        HeadEnd headEnd,
        ServiceDesk serviceDesk,
        CustomerRegister customers) {

    static Company open(RunWindow window, City city, Agenda agenda, TickBuffer out) {
        Cashier cashier = new Cashier(out, agenda);
        NoticeDesk notices = new NoticeDesk(out, agenda, city);
        return new Company(
                window,
                city,
                agenda,
                out,
                new Billing(out, agenda, window, cashier, notices),
                cashier,
                notices,
                new HeadEnd(out, agenda),
                new ServiceDesk(out, agenda, city),
                new CustomerRegister(out, agenda, city));
    }
}
