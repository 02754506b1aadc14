package io.gridpulse.simulator;

import io.gridpulse.schema.ReconnectCommand;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one run: the city, its households, the company's departments and the output, with
 * the three steps the {@link Simulator} drives them through: plan, publish the customers, tick.
 */
final class SimulationRun {

    private final SimulationConfig config;
    private final RunWindow window;
    private final TickBuffer out;
    private final Agenda agenda;
    private final GroundTruthRecorder truth = new GroundTruthRecorder();
    private final Company company;
    private final ReadDelivery reads;
    private final Weather weather;
    private final Household[] households;
    private final HighBillPlanner highBills;
    private final CommandInbox commands;
    private final Map<String, Household> byMeter = new HashMap<>();
    private final Set<String> answered = new HashSet<>();
    private final City city;
    private List<OutageLabel> outages = List.of();
    private long tick;

    SimulationRun(SimulationConfig config, RecordSink sink) {
        this(config, sink, CommandInbox.NONE);
    }

    /**
     * @param commands GridPulse's reconnect commands as they reach the head-end; when given, the
     *     head-end answers them instead of staff reconnecting cleared customers hours later
     */
    SimulationRun(SimulationConfig config, RecordSink sink, CommandInbox commands) {
        this.config = config;
        this.window = RunWindow.of(config);
        this.out = new TickBuffer(sink, config.seed());
        this.agenda = new Agenda(window);
        City city = new City(config.customers(), config.seed());
        this.city = city;
        this.company = Company.open(window, city, agenda, out);
        this.reads = new ReadDelivery(out, agenda, truth);
        this.weather = new Weather(config.seed());
        HouseholdFactory factory = new HouseholdFactory(city, window, config.seed());
        this.households = new Household[config.meters()];
        for (int i = 0; i < households.length; i++) {
            households[i] =
                    i < config.customers() ? factory.customer(i) : factory.unregisteredMeter(i);
        }
        this.highBills =
                new HighBillPlanner(window, out, config.seed(), households, config.customers());
        this.commands = commands;
        if (commands != CommandInbox.NONE) {
            company.headEnd().answerCommands();
            for (Household household : households) {
                byMeter.put(household.meterId(), household);
            }
        }
    }

    /** Picks the service cases and the faulty meters, then who else starts the run in arrears. */
    void plan() {
        BitSet taken = new BitSet(config.customers());
        new CasePlanner(company, truth).plan(picker(taken, 1), config.customers());
        new FaultPlanner(window, agenda, reads, truth).plan(picker(taken, 2), config.customers());
        new EverydayLife(window, agenda, reads, config.seed()).plan(households, config.customers());
        for (int i = 0; i < config.customers(); i++) {
            if (!taken.get(i)) {
                company.billing().planOpeningArrears(households[i]);
            }
        }
        highBills.plan((BitSet) taken.clone());
        OutagePlanner outagePlanner =
                new OutagePlanner(window, city, households, config.customers(), config.seed());
        outages = outagePlanner.plan();
        for (OutagePlanner.LastGasp gasp : outagePlanner.lastGasps()) {
            agenda.at(gasp.at(), () -> reads.powerDown(gasp.household(), gasp.at()));
        }
    }

    /** Emits the customer master data, stamped with the start, ahead of everything else. */
    void publishCustomers() {
        out.startTick(-1);
        for (int i = 0; i < config.customers(); i++) {
            company.customers().publish(households[i], window.start());
        }
        out.endTick();
        highBills.publishHistory();
    }

    /**
     * Simulates the five minutes from {@code now}: on quarter-hours the consumption of the slot
     * just ended and the reads due; at local midnight the households' plans for the day; then
     * whatever the agenda holds for these five minutes. The tick's records go out shuffled.
     */
    void tick(long now) {
        out.startTick(tick++);
        if (RunWindow.isSlotBoundary(now)) {
            Slot ended = now > window.start() ? Slot.starting(now - RunWindow.SLOT, weather) : null;
            for (Household household : households) {
                if (ended != null) {
                    household.accrue(ended);
                }
                if (household.meter().cadence().isReadTime(now)) {
                    reads.scheduled(household, now);
                }
            }
        }
        if (now == window.start() || RunWindow.isLocalMidnight(now)) {
            startDay(now);
        }
        answerCommands(now);
        agenda.runBefore(now + RunWindow.TICK);
        out.endTick();
    }

    /** Commands that reached the head-end since the last tick, each id answered once. */
    private void answerCommands(long now) {
        for (ReconnectCommand command : commands.drain()) {
            Household household = byMeter.get(command.getMeterId());
            if (household != null && answered.add(command.getCommandId())) {
                company.headEnd().answer(household, command.getCommandId(), now);
            }
        }
    }

    /** Distinct reconnect commands the head-end answered. */
    int commandsAnswered() {
        return answered.size();
    }

    long recordsEmitted() {
        return out.total();
    }

    GroundTruth groundTruth() {
        return truth.finish(config, households, out.counts(), highBills.labels(), outages);
    }

    /** Each household's plans for the rest of the local day. */
    private void startDay(long now) {
        LocalDate day = RunWindow.localDate(now);
        long localMidnight = RunWindow.localTime(day, LocalTime.MIDNIGHT);
        long dayEnd = Math.min(RunWindow.nextLocalMidnight(now), window.end());
        for (Household household : households) {
            household.startDay();
            if (household.account() != null) {
                company.billing().planDay(household, day, now);
                company.serviceDesk().planDay(household, localMidnight, now, dayEnd);
                company.customers().planDay(household, now, dayEnd);
                highBills.startDay(household, now);
            }
        }
    }

    private CandidatePicker picker(BitSet taken, int planner) {
        return new CandidatePicker(
                households,
                config.customers(),
                taken,
                Seeds.random(config.seed(), Seeds.PLAN, planner));
    }
}
