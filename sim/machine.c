/* machine.c - the board twin (see machine.h). */
#include "machine.h"

#include <inttypes.h>
#include <string.h>

#include "armv7m/regs/nvic.h"
#include "loader.h"

/* --- wiring ------------------------------------------------------------ */

/* NVIC line of each of the device's interrupt outputs, by name, through
 * `lookup` (index of the model's output, -1: none).  Lines the model does
 * not drive are reported and left unwired; lines past the NVIC's are an
 * error of the board description. */
typedef void (*wire_fn)(void *model, int which, struct sim_nvic *n, int line);

static bool wire_lines(struct sim_machine *m, const struct cfg_device *d,
                       int (*lookup)(const char *), wire_fn wire, void *model, char *err,
                       unsigned errlen)
{
    for (uint8_t i = 0; i < d->num_irqs; i++) {
        const struct cfg_irq_line *l = &d->irqs[i];
        if (l->line >= m->nvic.lines) {
            snprintf(err, errlen, "board %s: device %s: line %s is NVIC line %u, the "
                     "board has %u", m->sys->board->name, d->name, l->name, l->line,
                     m->nvic.lines);
            return false;
        }
        int which = lookup(l->name);
        if (which < 0) {
            fprintf(m->log, "sim: %s: the %s model has no interrupt output '%s': "
                    "line %u not wired\n", d->name, d->type, l->name, l->line);
            continue;
        }
        wire(model, which, &m->nvic, l->line);
    }
    return true;
}

static int uart_line(const char *name)
{
    return sim_uart_line_by_name(name);
}

static int timer_line(const char *name)
{
    return strcmp(name, "timer") ? -1 : 0;
}

static int stimulus_line(const char *name)
{
    return strcmp(name, "data") ? -1 : 0;
}

static int no_line(const char *name)
{
    (void)name;
    return -1;
}

static void wire_uart(void *model, int which, struct sim_nvic *n, int line)
{
    sim_uart_wire(model, (enum sim_uart_line)which, n, line);
}

static void wire_timer(void *model, int which, struct sim_nvic *n, int line)
{
    (void)which;
    sim_timer_wire(model, n, line);
}

static void wire_stimulus(void *model, int which, struct sim_nvic *n, int line)
{
    (void)which;
    sim_stimulus_wire(model, n, line);
}

static void wire_none(void *model, int which, struct sim_nvic *n, int line)
{
    (void)model, (void)which, (void)n, (void)line;
}

/* --- inputs ------------------------------------------------------------- */

static void input(struct sim_machine *m, const struct sim_input *in)
{
    if (m->on_input)
        m->on_input(m->input_user, in);
}

/* A UART's script: the scenario's bytes for it, one at a time. */
static bool script_peek(const void *user, uint64_t *stamp, uint8_t *byte)
{
    const struct sim_dev *d = user;
    return sim_stim_cursor_peek_byte(&d->inputs, stamp, byte);
}

static void script_take(void *user)
{
    struct sim_dev *d = user;
    const struct sim_stim_record *r = sim_stim_cursor_peek(&d->inputs);
    d->input_line = r ? r->line : 0;
    sim_stim_cursor_take_byte(&d->inputs);
}

static void uart_received(void *user, const struct sim_uart *u, uint64_t stamp,
                          uint64_t cycle, uint8_t byte, bool from_ring)
{
    struct sim_dev *d = user;
    struct sim_input in = {
        .stamp = stamp, .cycle = cycle, .kind = SIM_STIM_UART,
        .source = from_ring ? SIM_INPUT_KEYBOARD : SIM_INPUT_FILE,
        .device = u->name, .file_line = from_ring ? 0 : d->input_line, .value = byte};
    input(d->m, &in);
}

/* The machine's sink for LED changes: the log. */
static void log_leds(void *user, const struct sim_fpgaio *f, uint64_t cycle, uint32_t leds)
{
    struct sim_machine *m = user;
    fprintf(m->log, "sim: %s: leds 0b%u%u at cycle %" PRIu64 "\n", f->name,
            (unsigned)(leds >> 1 & 1u), (unsigned)(leds & 1u), cycle);
}

/* --- attaching models ------------------------------------------------------ */

static bool too_many(struct sim_machine *m, const char *what, int max, char *err,
                     unsigned errlen)
{
    snprintf(err, errlen, "board %s: more than %d %s", m->sys->board->name, max, what);
    return false;
}

static bool attach_systick(struct sim_machine *m, struct sim_dev *dev)
{
    sim_systick_reset(&m->systick, &m->clock.now, m->log);
    m->systick_base = dev->cfg->base;
    dev->kind = SIM_DEV_SYSTICK;
    dev->model = &m->systick;
    return true;
}

static bool attach_uart(struct sim_machine *m, struct sim_dev *dev, char *err,
                        unsigned errlen)
{
    const struct cfg_device *d = dev->cfg;
    if (m->num_uarts == SIM_MAX_UARTS)
        return too_many(m, "UARTs", SIM_MAX_UARTS, err, errlen);
    struct sim_uart *u = &m->uart[m->num_uarts++];
    FILE *out = d->base == m->sys->board->console_base ? m->console : m->log;
    sim_uart_reset(u, d->name, &m->clock.now, out, m->log);
    u->script = (struct sim_uart_feed){script_peek, script_take, dev};
    u->on_rx = uart_received;
    u->rx_user = dev;
    dev->kind = SIM_DEV_UART;
    dev->model = u;
    return wire_lines(m, d, uart_line, wire_uart, u, err, errlen);
}

static bool attach_timer(struct sim_machine *m, struct sim_dev *dev, char *err,
                         unsigned errlen)
{
    if (m->num_timers == SIM_MAX_TIMERS)
        return too_many(m, "CMSDK timers", SIM_MAX_TIMERS, err, errlen);
    struct sim_timer *t = &m->timer[m->num_timers++];
    sim_timer_reset(t, dev->cfg->name, &m->clock.now, m->log);
    dev->kind = SIM_DEV_TIMER;
    dev->model = t;
    return wire_lines(m, dev->cfg, timer_line, wire_timer, t, err, errlen);
}

static bool attach_fpgaio(struct sim_machine *m, struct sim_dev *dev, char *err,
                          unsigned errlen)
{
    if (m->num_fpgaio == SIM_MAX_FPGAIO)
        return too_many(m, "FPGA I/O blocks", SIM_MAX_FPGAIO, err, errlen);
    struct sim_fpgaio *f = &m->fpgaio[m->num_fpgaio++];
    sim_fpgaio_reset(f, dev->cfg->name, &m->clock.now, m->sys->board->clock_hz, m->log);
    f->on_leds = log_leds;
    f->leds_user = m;
    dev->kind = SIM_DEV_FPGAIO;
    dev->model = f;
    return wire_lines(m, dev->cfg, no_line, wire_none, f, err, errlen);
}

static bool attach_stimulus(struct sim_machine *m, struct sim_dev *dev, char *err,
                            unsigned errlen)
{
    if (m->num_stimuli == SIM_MAX_STIMULI)
        return too_many(m, "stimulus devices", SIM_MAX_STIMULI, err, errlen);
    struct sim_stimulus *s = &m->stimulus[m->num_stimuli++];
    sim_stimulus_reset(s, dev->cfg->name, &m->clock.now, m->log);
    dev->kind = SIM_DEV_STIMULUS;
    dev->model = s;
    return wire_lines(m, dev->cfg, stimulus_line, wire_stimulus, s, err, errlen);
}

static const struct sim_device_ops *ops_of(enum sim_dev_kind k)
{
    switch (k) {
    case SIM_DEV_UART: return &sim_uart_ops;
    case SIM_DEV_TIMER: return &sim_timer_ops;
    case SIM_DEV_FPGAIO: return &sim_fpgaio_ops;
    case SIM_DEV_STIMULUS: return &sim_stimulus_ops;
    case SIM_DEV_SYSTICK: return &sim_systick_ops;
    default: return NULL;
    }
}

static bool attach_model(struct sim_machine *m, struct sim_dev *dev, char *err,
                         unsigned errlen)
{
    const char *type = dev->cfg->type;
    if (!strcmp(type, "systick"))
        return attach_systick(m, dev);
    if (!strcmp(type, "cmsdk-uart"))
        return attach_uart(m, dev, err, errlen);
    if (!strcmp(type, "cmsdk-timer"))
        return attach_timer(m, dev, err, errlen);
    if (!strcmp(type, "fpgaio"))
        return attach_fpgaio(m, dev, err, errlen);
    if (!strcmp(type, "stimulus"))
        return attach_stimulus(m, dev, err, errlen);
    return true; /* not modelled: touching it is a stray access */
}

/* Attaches a model for every device of the board description, by type.
 * Devices the simulator does not model are left off the bus, so touching
 * them is reported as a stray access.  The kernel's timer is the board's
 * SysTick. */
static bool attach_devices(struct sim_machine *m, char *err, unsigned errlen)
{
    const struct cfg_board *b = m->sys->board;
    if (b->num_devices > SIM_MAX_DEVICES)
        return too_many(m, "devices", SIM_MAX_DEVICES, err, errlen);
    for (uint8_t i = 0; i < b->num_devices; i++) {
        struct sim_dev *dev = &m->dev[i];
        *dev = (struct sim_dev){.cfg = &b->devices[i], .m = m};
        sim_stim_cursor_init(&dev->inputs, NULL, i);
        if (!attach_model(m, dev, err, errlen))
            return false;
        const struct sim_device_ops *ops = ops_of(dev->kind);
        if (ops && sim_bus_attach(&m->bus, dev->cfg->name, dev->cfg->base, dev->cfg->size,
                                  ops, dev->model) != 0)
            return too_many(m, "devices on the bus", SIM_BUS_MAX_DEVICES, err, errlen);
        /* The guest's devices have timed events; SysTick is the port's,
         * and the kernel's MPU and NVIC accesses need no hooks. */
        if (ops)
            m->bus.slot[m->bus.num - 1].timed = dev->kind != SIM_DEV_SYSTICK;
    }
    m->num_devs = b->num_devices;
    sim_stim_cursor_init(&m->irq_inputs, NULL, SIM_STIM_TARGET_NVIC);
    if (!m->systick_base) {
        snprintf(err, errlen, "board %s has no device of type systick: the kernel "
                 "needs it for its deadlines", b->name);
        return false;
    }
    return true;
}

/* The NVIC's external lines, at their architectural addresses. */
static bool attach_nvic(struct sim_machine *m, char *err, unsigned errlen)
{
    unsigned lines = sim_board_irq_lines(m->sys->board);
    if (lines > SIM_NVIC_MAX_LINES) {
        snprintf(err, errlen, "board %s: %u NVIC lines, the model has at most %d",
                 m->sys->board->name, lines, SIM_NVIC_MAX_LINES);
        return false;
    }
    sim_nvic_reset(&m->nvic, lines, m->log);
    return sim_bus_attach(&m->bus, "nvic", NVIC_BASE, NVIC_REGS_SIZE, &sim_nvic_ops,
                          &m->nvic) == 0;
}

static void mpu_changed(void *user)
{
    sim_mem_rights_changed(user);
}

/* The MPU and the SCB's fault status registers, at their architectural
 * addresses; boards older than the MPU field default to the M3/M4's 8. */
static bool attach_mpu(struct sim_machine *m, char *err, unsigned errlen)
{
    unsigned n = m->sys->board->mpu_regions ? m->sys->board->mpu_regions : 8;
    if (n > SIM_MPU_MAX_REGIONS) {
        snprintf(err, errlen, "board %s: %u MPU regions, the model has at most %d",
                 m->sys->board->name, n, SIM_MPU_MAX_REGIONS);
        return false;
    }
    sim_mpu_reset(&m->mpu, n, mpu_changed, &m->mem);
    return sim_bus_attach(&m->bus, "mpu", MPU_BASE, MPU_REGS_SIZE, &sim_mpu_ops,
                          &m->mpu) == 0 &&
           sim_bus_attach(&m->bus, "scb-faults", SCB_CFSR, SIM_SCB_FAULT_SIZE,
                          &sim_scb_fault_ops, &m->mpu) == 0;
}

/* Devices outside the Private Peripheral Bus are mapped for the guest
 * (as MMIO onto the bus); whether a partition may touch one is the MPU's
 * verdict.  Blocks are whole pages (fcc checks board memory; devices here
 * are rounded out to their pages). */
static bool map_devices(struct sim_machine *m, char *err, unsigned errlen)
{
    const struct cfg_board *b = m->sys->board;
    for (uint8_t i = 0; i < b->num_devices; i++) {
        const struct cfg_device *d = &b->devices[i];
        if (d->base >= ARMV7M_PPB_BASE)
            continue;
        uint32_t base = d->base & ~(SIM_PAGE_SIZE - 1);
        uint32_t end = (d->base + d->size + SIM_PAGE_SIZE - 1) & ~(SIM_PAGE_SIZE - 1);
        if (!sim_mem_map_device(&m->mem, &m->bus, base, end - base, err, errlen))
            return false;
    }
    return true;
}

static bool load_all(struct sim_machine *m, const char *elf_dir, char *err,
                     unsigned errlen)
{
    for (uint8_t i = 0; i < m->sys->num_partitions; i++) {
        const struct cfg_partition *p = &m->sys->partitions[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.elf", elf_dir, p->name);
        if (!sim_load_partition(&m->mem, p, path, err, errlen))
            return false;
    }
    return true;
}

/* --- timed events ---------------------------------------------------------- */

static uint64_t input_due(const struct sim_stim_cursor *c)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(c);
    return r ? r->cycle : UINT64_MAX;
}

static uint64_t dev_next(const struct sim_dev *d)
{
    switch (d->kind) {
    case SIM_DEV_UART: return sim_uart_next_event(d->model);
    case SIM_DEV_TIMER: return sim_timer_next_event(d->model);
    case SIM_DEV_FPGAIO:
    case SIM_DEV_STIMULUS: return input_due(&d->inputs);
    default: return UINT64_MAX;
    }
}

static void replan(struct sim_machine *m)
{
    uint64_t best = input_due(&m->irq_inputs);
    for (unsigned i = 0; i < m->num_devs; i++) {
        uint64_t t = dev_next(&m->dev[i]);
        if (t < best)
            best = t;
    }
    m->next_due = best;
}

/* Asked on every pass of the port's loop: the plan is kept, not redone. */
uint64_t sim_machine_next_event(const struct sim_machine *m)
{
    return m->next_due;
}

static void fire_buttons(struct sim_machine *m, struct sim_dev *d)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(&d->inputs);
    sim_fpgaio_set_buttons(d->model, r->value);
    struct sim_input in = {.stamp = r->cycle, .cycle = r->cycle, .kind = SIM_STIM_BUTTONS,
                           .source = SIM_INPUT_FILE, .device = d->cfg->name,
                           .file_line = r->line, .value = r->value};
    sim_stim_cursor_next(&d->inputs);
    input(m, &in);
}

static void fire_record(struct sim_machine *m, struct sim_dev *d)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(&d->inputs);
    const uint32_t *w = sim_stim_words(&m->scenario, r);
    bool queued;
    uint32_t seq = sim_stimulus_arrive(d->model, r->cycle, w, r->len, &queued);
    struct sim_input in = {.stamp = r->cycle, .cycle = r->cycle, .kind = SIM_STIM_DATA,
                           .source = SIM_INPUT_FILE, .device = d->cfg->name,
                           .file_line = r->line, .value = seq, .len = r->len,
                           .words = w, .lost = !queued};
    sim_stim_cursor_next(&d->inputs);
    input(m, &in);
}

static void fire_irq(struct sim_machine *m)
{
    const struct sim_stim_record *r = sim_stim_cursor_peek(&m->irq_inputs);
    sim_nvic_raise(&m->nvic, r->value);
    struct sim_input in = {.stamp = r->cycle, .cycle = r->cycle, .kind = SIM_STIM_IRQ,
                           .source = SIM_INPUT_FILE, .file_line = r->line,
                           .value = r->value};
    sim_stim_cursor_next(&m->irq_inputs);
    input(m, &in);
}

static void fire_dev(struct sim_machine *m, struct sim_dev *d)
{
    switch (d->kind) {
    case SIM_DEV_UART: sim_uart_fire(d->model); break;
    case SIM_DEV_TIMER: sim_timer_fire(d->model); break;
    case SIM_DEV_FPGAIO: fire_buttons(m, d); break;
    case SIM_DEV_STIMULUS: fire_record(m, d); break;
    default: break;
    }
}

/* One event at a time, the earliest first; on a tie the device earlier on
 * the board, and the scenario's irq records after every device. */
static void fire_events(struct sim_machine *m)
{
    if (m->next_due > m->clock.now)
        return;
    for (;;) {
        uint64_t best = UINT64_MAX;
        int who = -1;
        for (unsigned i = 0; i < m->num_devs; i++) {
            uint64_t t = dev_next(&m->dev[i]);
            if (t < best) {
                best = t;
                who = (int)i;
            }
        }
        if (input_due(&m->irq_inputs) < best) {
            best = input_due(&m->irq_inputs);
            who = SIM_MAX_DEVICES;
        }
        if (best > m->clock.now) {
            m->next_due = best;
            return;
        }
        if (who == SIM_MAX_DEVICES)
            fire_irq(m);
        else
            fire_dev(m, &m->dev[who]);
    }
}

void sim_machine_fire_due(struct sim_machine *m)
{
    fire_events(m);
    m->nvic.fresh = false; /* the caller looks at the NVIC next */
}

/* Around every device access (the guest's, settled at its exact cycle, or
 * the kernel's): first the events due by now happen, so the access sees
 * them; afterwards, if the access made an event due earlier than the
 * running guest's stop cycle, or an interrupt pending, the run stops there. */
static void before_access(void *user)
{
    struct sim_machine *m = user;
    if (m->clock.now >= sim_machine_next_event(m))
        fire_events(m);
}

static void after_access(void *user)
{
    struct sim_machine *m = user;
    replan(m);
    if (m->nvic.fresh) {
        m->nvic.fresh = false;
        sim_cpu_stop_early(&m->cpu, m->clock.now);
        return;
    }
    sim_cpu_stop_early(&m->cpu, sim_machine_next_event(m));
}

/* --- the machine ------------------------------------------------------------ */

bool sim_machine_init(struct sim_machine *m, const struct cfg_system *sys,
                      const char *elf_dir, FILE *console, FILE *log, char *err,
                      unsigned errlen)
{
    memset(m, 0, sizeof *m);
    m->sys = sys;
    m->console = console;
    m->log = log;
    m->bus.log = log;
    m->clock.deadline = UINT64_MAX;
    m->clock.pause = UINT64_MAX;
    m->deadline_target = UINT64_MAX;
    m->pended_at = UINT64_MAX;
    m->keyboard.fd = -1;
    bool ok = sim_mem_init(&m->mem, sys->board, err, errlen) &&
              attach_mpu(m, err, errlen) &&
              sim_cpu_open(&m->cpu, sys->board->cpu, &m->clock, &m->mem, &m->mpu, err,
                           errlen) &&
              attach_nvic(m, err, errlen) && attach_devices(m, err, errlen) &&
              map_devices(m, err, errlen) && load_all(m, elf_dir, err, errlen);
    if (ok)
        replan(m);
    m->bus.before = before_access;
    m->bus.after = after_access;
    m->bus.hook_user = m;
    return ok;
}

void sim_machine_free(struct sim_machine *m)
{
    sim_cpu_close(&m->cpu);
    sim_mem_free(&m->mem);
    sim_stimulus_file_free(&m->scenario);
}

/* The scenario's records reach their devices through one cursor each. */
static bool attach_scenario(struct sim_machine *m, bool ok)
{
    for (unsigned i = 0; i < m->num_devs; i++)
        sim_stim_cursor_init(&m->dev[i].inputs, ok ? &m->scenario : NULL, i);
    sim_stim_cursor_init(&m->irq_inputs, ok ? &m->scenario : NULL, SIM_STIM_TARGET_NVIC);
    replan(m);
    return ok;
}

bool sim_machine_load_stimulus(struct sim_machine *m, const char *path, char *err,
                               unsigned errlen)
{
    sim_stimulus_file_free(&m->scenario);
    return attach_scenario(m, sim_stimulus_file_load(&m->scenario, path, m->sys->board,
                                                     err, errlen));
}

bool sim_machine_load_stimulus_text(struct sim_machine *m, const char *name,
                                    const char *text, size_t len, char *err,
                                    unsigned errlen)
{
    sim_stimulus_file_free(&m->scenario);
    return attach_scenario(m, sim_stimulus_file_parse(&m->scenario, name, text, len,
                                                      m->sys->board, err, errlen));
}

void sim_machine_set_console(struct sim_machine *m, FILE *out)
{
    m->console = out;
    for (unsigned i = 0; i < m->num_devs; i++) {
        const struct sim_dev *d = &m->dev[i];
        if (d->kind == SIM_DEV_UART && d->cfg->base == m->sys->board->console_base)
            ((struct sim_uart *)d->model)->out = out;
    }
}

const struct sim_dev *sim_machine_device(const struct sim_machine *m, const char *name)
{
    for (unsigned i = 0; i < m->num_devs; i++)
        if (!strcmp(m->dev[i].cfg->name, name))
            return &m->dev[i];
    return NULL;
}

/* The keyboard queued a byte: a recorder hears of it. */
static void host_byte(void *user, uint64_t stamp, uint8_t byte)
{
    const struct sim_dev *d = user;
    struct sim_machine *m = d->m;
    if (m->on_host_input)
        m->on_host_input(m->input_user, (unsigned)(d - m->dev), stamp, byte);
}

/* Keyboard polls: every 100 us of virtual time (host input has no exact
 * cycle anyway; this bounds the cost of asking the host). */
#define SIM_KEYBOARD_POLLS_PER_SECOND 10000u

bool sim_machine_keyboard(struct sim_machine *m, const char *uart, int fd, char *err,
                          unsigned errlen)
{
    const struct sim_dev *d = sim_machine_device(m, uart);
    if (!d || d->kind != SIM_DEV_UART) {
        int n = snprintf(err, errlen, "board %s has no UART named '%s' (UARTs:",
                         m->sys->board->name, uart);
        for (unsigned i = 0; i < m->num_uarts && n > 0 && (unsigned)n < errlen; i++)
            n += snprintf(err + n, errlen - (unsigned)n, " %s", m->uart[i].name);
        if (n > 0 && (unsigned)n < errlen)
            snprintf(err + n, errlen - (unsigned)n, ")");
        return false;
    }
    uint64_t every = m->sys->board->clock_hz / SIM_KEYBOARD_POLLS_PER_SECOND;
    sim_keyboard_open(&m->keyboard, fd, d->model, every);
    m->keyboard.on_byte = host_byte;
    m->keyboard.user = (void *)d;
    return true;
}

bool sim_machine_host_input(struct sim_machine *m, unsigned dev, uint64_t stamp,
                            uint8_t byte)
{
    if (dev >= m->num_devs || m->dev[dev].kind != SIM_DEV_UART ||
        !sim_uart_input(m->dev[dev].model, stamp, byte))
        return false;
    replan(m);
    return true;
}

void sim_machine_poll_input(struct sim_machine *m)
{
    if (m->keyboard.fd < 0)
        return;
    sim_keyboard_poll(&m->keyboard, m->clock.now);
    replan(m);
}

static void report_uart(const struct sim_uart *u, FILE *out)
{
    if (u->rx_overruns)
        fprintf(out, "run: %s: %" PRIu64 " RX overruns (bytes that replaced an unread "
                "one)\n", u->name, u->rx_overruns);
    if (u->rx_dropped_disabled)
        fprintf(out, "run: %s: %" PRIu64 " bytes arrived with RX disabled and were "
                "dropped\n", u->name, u->rx_dropped_disabled);
}

void sim_machine_report(const struct sim_machine *m, FILE *out)
{
    for (unsigned i = 0; i < m->num_uarts; i++)
        report_uart(&m->uart[i], out);
    for (unsigned i = 0; i < m->num_stimuli; i++)
        if (m->stimulus[i].overflows)
            fprintf(out, "run: %s: %" PRIu64 " records lost to a full FIFO\n",
                    m->stimulus[i].name, m->stimulus[i].overflows);
    for (unsigned i = 0; i < m->num_fpgaio; i++)
        if (m->fpgaio[i].led_changes)
            fprintf(out, "run: %s: leds changed %" PRIu64 " times, last to 0b%u%u at "
                    "cycle %" PRIu64 "\n", m->fpgaio[i].name, m->fpgaio[i].led_changes,
                    (unsigned)(m->fpgaio[i].leds >> 1 & 1u),
                    (unsigned)(m->fpgaio[i].leds & 1u), m->fpgaio[i].led_changed_at);
}
