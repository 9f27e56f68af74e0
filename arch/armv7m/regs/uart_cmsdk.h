/* regs/uart_cmsdk.h - register map of the Arm CMSDK APB UART (Arm DDI 0479),
 * shared by the driver and the simulator's model. */
#ifndef FENESTRA_REGS_UART_CMSDK_H
#define FENESTRA_REGS_UART_CMSDK_H

enum {
    UART_DATA = 0x00,
    UART_STATE = 0x04,
    UART_CTRL = 0x08,
    UART_INTSTATUS = 0x0c,
    UART_BAUDDIV = 0x10,
};
enum {
    UART_STATE_TX_FULL = 1u << 0,
    UART_STATE_RX_FULL = 1u << 1,
    UART_CTRL_TX_EN = 1u << 0,
    UART_CTRL_RX_EN = 1u << 1,
};

#endif
