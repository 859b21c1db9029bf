#pragma once

#include "core/connection/connectionstate.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;

namespace allium {

class StatusDot;
class StreamSession;
class WebSocketConnection;

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

    /// Follows `session` (replacing any previous object). A session does not report pong
    /// latency, so "Connected" carries none.
    void attach(StreamSession *session);
    void attach(WebSocketConnection *connection);
    void detach();

    /// Shown in front of the state, e.g. "ethereum.blocks".
    void setConnectionName(const QString &name);

    /// The text as shown (without the name), e.g. "Reconnecting · attempt 3 in 7 s".
    QString statusText() const;
    ConnectionState state() const { return m_state; }
    static QColor stateColor(ConnectionState state);

signals:
    /// The user clicked; also carried out on the attached object.
    void connectRequested();
    void disconnectRequested();
    void reconnectNowRequested();

private:
    struct Source
    {
        QPointer<QObject> object;
        std::function<ConnectionState()> state;
        std::function<int()> attempt;
        std::function<qint64()> msUntilRetry;
        std::function<QString()> failureReason;
        std::function<int()> latencyMs;
        std::function<void()> open;
        std::function<void()> close;
        std::function<void()> reconnectNow;
    };

    void attachSource(Source source);
    void refresh();
    void handleConnectClicked();

    StatusDot *m_dot;
    QLabel *m_name;
    QLabel *m_text;
    QToolButton *m_reconnectButton;
    QToolButton *m_connectButton;
    QTimer m_countdown;
    Source m_source;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_statusText;
};

} // namespace allium
