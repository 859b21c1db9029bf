// SPDX-License-Identifier: MIT
#include "ui/connection/connectionstatuswidget.h"

#include "core/connection/connectionstatussource.h"
#include "ui/connection/elidinglabel.h"
#include "ui/connection/statusdot.h"
#include "ui/text/plainlabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <cmath>

namespace allium {

namespace {

// The countdown shows whole seconds; four updates a second keep it from skipping one.
constexpr int CountdownTickMs = 250;

} // namespace

ConnectionStatusWidget::ConnectionStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_dot(new StatusDot(this))
    , m_name(new PlainLabel(this))
    , m_text(new ElidingLabel(this))
    , m_reconnectButton(new QToolButton(this))
    , m_connectButton(new QToolButton(this))
{
    m_dot->setObjectName(QStringLiteral("statusDot"));
    m_name->setObjectName(QStringLiteral("nameLabel"));
    m_name->setVisible(false);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_text->setObjectName(QStringLiteral("statusLabel"));
    m_text->setMinimumText(tr("Reconnecting · attempt 10 in 60 s"));
    m_reconnectButton->setObjectName(QStringLiteral("reconnectButton"));
    m_reconnectButton->setText(tr("Reconnect now"));
    m_reconnectButton->setAutoRaise(true);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_name);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reconnectButton);
    layout->addWidget(m_connectButton);

    connect(m_reconnectButton, &QToolButton::clicked, this, [this] {
        emit reconnectNowRequested();
        if (m_source)
            m_source->reconnectNow();
    });
    connect(m_connectButton, &QToolButton::clicked, this,
            &ConnectionStatusWidget::handleConnectClicked);
    connect(&m_countdown, &GridTimer::timeout, this, &ConnectionStatusWidget::refresh);
    m_countdown.setInterval(CountdownTickMs);
    refresh();
}

ConnectionStatusWidget::~ConnectionStatusWidget() = default;

void ConnectionStatusWidget::attach(ConnectionStatusSource *source)
{
    detach();
    m_source = source;
    if (source) {
        connect(source, &ConnectionStatusSource::stateChanged, this,
                &ConnectionStatusWidget::refresh);
        connect(source, &ConnectionStatusSource::reconnectScheduled, this,
                &ConnectionStatusWidget::refresh);
        connect(source, &ConnectionStatusSource::failed, this, &ConnectionStatusWidget::refresh);
        connect(source, &ConnectionStatusSource::pongReceived, this,
                &ConnectionStatusWidget::refresh);
        connect(source, &QObject::destroyed, this, &ConnectionStatusWidget::detach);
    }
    refresh();
}

void ConnectionStatusWidget::detach()
{
    if (m_source)
        disconnect(m_source.data(), nullptr, this, nullptr);
    m_source.clear();
    refresh();
}

void ConnectionStatusWidget::setConnectionName(const QString &name)
{
    m_name->setText(name);
    m_name->setVisible(!name.isEmpty());
}

QString ConnectionStatusWidget::statusText() const
{
    return m_statusText;
}

QColor ConnectionStatusWidget::stateColor(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected:
        return QColor(0x2e, 0xa0, 0x43);
    case ConnectionState::Connecting:
    case ConnectionState::Reconnecting:
        return QColor(0xe0, 0x9b, 0x1a);
    case ConnectionState::Failed:
        return QColor(0xd9, 0x3a, 0x3a);
    case ConnectionState::Disconnected:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

void ConnectionStatusWidget::refresh()
{
    const bool attached = !m_source.isNull();
    m_state = attached ? m_source->state() : ConnectionState::Disconnected;
    QString text;
    switch (m_state) {
    case ConnectionState::Connected: {
        const int latency = m_source->lastPongLatencyMs();
        text = latency >= 0 ? tr("Connected · %1 ms").arg(latency) : tr("Connected");
        break;
    }
    case ConnectionState::Connecting:
        text = tr("Connecting…");
        break;
    case ConnectionState::Reconnecting: {
        const qint64 ms = m_source->msUntilRetry();
        const int attempt = m_source->attempt();
        // Rounded up: "in 0 s" would read as "now" while the wait is still running.
        text = ms >= 0 ? tr("Reconnecting · attempt %1 in %2 s")
                             .arg(attempt)
                             .arg(qint64(std::ceil(double(ms) / 1000.0)))
                       : tr("Reconnecting · attempt %1").arg(attempt);
        break;
    }
    case ConnectionState::Failed:
        // Whole: the label elides it to the room it has and shows all of it in its tooltip.
        text = tr("Failed: %1").arg(m_source->failureReason());
        break;
    case ConnectionState::Disconnected:
        text = attached ? tr("Disconnected") : tr("Not connected");
        break;
    }
    m_statusText = text;
    m_text->setFullText(text);
    m_dot->setColor(stateColor(m_state));
    m_dot->setToolTip(connectionStateText(m_state));

    const bool idle =
        m_state == ConnectionState::Disconnected || m_state == ConnectionState::Failed;
    m_connectButton->setText(idle ? tr("Connect") : tr("Disconnect"));
    m_connectButton->setEnabled(attached);
    m_reconnectButton->setVisible(attached && (m_state == ConnectionState::Reconnecting ||
                                               m_state == ConnectionState::Failed));
    if (m_state == ConnectionState::Reconnecting) {
        if (!m_countdown.isActive())
            m_countdown.start();
    } else {
        m_countdown.stop();
    }
}

void ConnectionStatusWidget::handleConnectClicked()
{
    const bool idle =
        m_state == ConnectionState::Disconnected || m_state == ConnectionState::Failed;
    if (idle) {
        emit connectRequested();
        if (m_source)
            m_source->open();
    } else {
        emit disconnectRequested();
        if (m_source)
            m_source->close();
    }
}

} // namespace allium
