// SPDX-License-Identifier: MIT
#include "core/workspace/streamactivity.h"

#include "core/monitor/chainhabits.h"
#include "core/stream/streamsession.h"

#include <QCoreApplication>

namespace allium {

StreamActivity StreamActivityRules::of(const StreamSession &session, qint64 nowMs)
{
    if (session.topic().isEmpty())
        return StreamActivity::NoTopic;
    switch (session.state()) {
    case ConnectionState::Failed:
        return StreamActivity::Failed;
    case ConnectionState::Reconnecting:
        return StreamActivity::Reconnecting;
    case ConnectionState::Connecting:
        return session.isRunning() ? StreamActivity::Connecting : StreamActivity::Stopped;
    case ConnectionState::Disconnected:
        return StreamActivity::Stopped;
    case ConnectionState::Connected:
        break;
    }
    if (!session.isRunning())
        return StreamActivity::Stopped;
    const qint64 last = session.stats().lastMessageAtMs;
    if (last <= 0)
        return StreamActivity::Waiting;
    const qint64 staleAfter = staleAfterMs(session.topic(), !session.filter().isEmpty());
    return nowMs - last > staleAfter ? StreamActivity::Stale : StreamActivity::Streaming;
}

qint64 StreamActivityRules::staleAfterMs(const QString &topic, bool filtered)
{
    // One judgement for the Stale state and the integrity check's stall watchdog.
    return ChainHabits::staleAfterMs(topic, filtered);
}

QString StreamActivityRules::text(StreamActivity activity)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("allium::StreamActivity", text);
    };
    switch (activity) {
    case StreamActivity::NoTopic:
        return tr("No topic");
    case StreamActivity::Stopped:
        return tr("Stopped");
    case StreamActivity::Connecting:
        return tr("Connecting");
    case StreamActivity::Streaming:
        return tr("Streaming");
    case StreamActivity::Waiting:
        return tr("Waiting for data");
    case StreamActivity::Stale:
        return tr("Stale");
    case StreamActivity::Reconnecting:
        return tr("Reconnecting");
    case StreamActivity::Failed:
        return tr("Failed");
    }
    return {};
}

bool StreamActivityRules::needsAttention(StreamActivity activity)
{
    return activity == StreamActivity::Stale || activity == StreamActivity::Reconnecting ||
           activity == StreamActivity::Failed;
}

} // namespace allium
