/* regs/uart_cmsdk.h - register map of the Arm CMSDK APB UART (Arm DDI 0479),
 * shared by the driver and the simulator's model. */
#ifndef FENESTRA_REGS_UART_CMSDK_H
#define FENESTRA_REGS_UART_CMSDK_H

enum {
    UART_DATA = 0x00,      /* read: the received byte; write: send a byte */
    UART_STATE = 0x04,     /* buffer status; overrun bits write-1-to-clear */
    UART_CTRL = 0x08,
    UART_INTSTATUS = 0x0c, /* read: interrupt status */
    UART_INTCLEAR = 0x0c,  /* write: 1 clears the interrupt (same offset) */
    UART_BAUDDIV = 0x10,   /* cycles per bit, at least 16 */
};
enum {
    UART_STATE_TX_FULL = 1u << 0,
    UART_STATE_RX_FULL = 1u << 1,
    UART_STATE_TX_OVERRUN = 1u << 2,
    UART_STATE_RX_OVERRUN = 1u << 3,
};
enum {
    UART_CTRL_TX_EN = 1u << 0,
    UART_CTRL_RX_EN = 1u << 1,
    UART_CTRL_TX_INT_EN = 1u << 2,
    UART_CTRL_RX_INT_EN = 1u << 3,
    UART_CTRL_TX_OVERRUN_INT_EN = 1u << 4,
    UART_CTRL_RX_OVERRUN_INT_EN = 1u << 5,
    UART_CTRL_HSTEST = 1u << 6, /* high-speed test: TX sends a bit per cycle */
    UART_CTRL_MASK = 0x7fu,
};
enum {
    UART_INT_TX = 1u << 0,
    UART_INT_RX = 1u << 1,
    UART_INT_TX_OVERRUN = 1u << 2,
    UART_INT_RX_OVERRUN = 1u << 3,
};
#define UART_BAUDDIV_MASK 0xfffffu
#define UART_BAUDDIV_MIN 16u

#endif
