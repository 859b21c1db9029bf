// SPDX-License-Identifier: MIT
#pragma once

#include "core/base/gridtimer.h"
#include "core/connection/connectionstate.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QToolButton;

namespace allium {

class ConnectionStatusSource;
class ElidingLabel;
class StatusDot;

/// The status of one connection for the status bar: a coloured dot and "Connected · 23 ms",
/// "Connecting…", "Reconnecting · attempt 3 in 7 s" (counting down live) or "Failed: reason",
/// with Reconnect now and Connect/Disconnect buttons. It only shows what the attached object
/// reports and forwards the user's clicks to its slots; it holds no connection logic.
class ConnectionStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionStatusWidget(QWidget *parent = nullptr);
    ~ConnectionStatusWidget() override;

    /// Follows `source` (a StreamSession, a WebSocketConnection), replacing any previous one,
    /// until it is destroyed. "Connected" carries the last pong's latency once there is one.
    void attach(ConnectionStatusSource *source);
    void detach();

    /// Shown in front of the state, e.g. "ethereum.blocks".
    void setConnectionName(const QString &name);

    /// The whole text (without the name), e.g. "Reconnecting · attempt 3 in 7 s"; the label
    /// may show it shortened, with all of it in its tooltip.
    QString statusText() const;
    ConnectionState state() const { return m_state; }
    static QColor stateColor(ConnectionState state);

signals:
    /// The user clicked; also carried out on the attached object.
    void connectRequested();
    void disconnectRequested();
    void reconnectNowRequested();

private:
    void refresh();
    void handleConnectClicked();

    StatusDot *m_dot;
    QLabel *m_name;
    ElidingLabel *m_text;
    QToolButton *m_reconnectButton;
    QToolButton *m_connectButton;
    GridTimer m_countdown;
    QPointer<ConnectionStatusSource> m_source;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_statusText;
};

} // namespace allium
