// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace allium {

class StreamSession;

/// What a stream is doing, in the words its tab, the overview and the status dot use: the
/// connection state combined with whether messages still arrive.
enum class StreamActivity {
    NoTopic,      ///< a new stream whose topic is not chosen yet
    Stopped,      ///< connected or not, not asked to send
    Connecting,   ///< first handshake in progress
    Streaming,    ///< running, messages arriving
    Waiting,      ///< running and connected, no message yet (a narrow filter, a slow chain)
    Stale,        ///< running and connected, but nothing arrived for staleAfterMs()
    Reconnecting, ///< lost, waiting for the next attempt
    Failed,       ///< gave up (refused key, TLS error, attempts exhausted)
};

/// Classifies a session (see StreamActivity).
class StreamActivityRules
{
public:
    /// How long a running stream of `topic` may be silent before it is called stale:
    /// ChainHabits::staleAfterMs (three of the topic's usual gaps, an hour for Bitcoin), as the
    /// stall watchdog judges it.
    static qint64 staleAfterMs(const QString &topic, bool filtered);

    static StreamActivity of(const StreamSession &session, qint64 nowMs);
    static QString text(StreamActivity activity);
    /// True for the states a user should notice without opening the stream.
    static bool needsAttention(StreamActivity activity);
};

} // namespace allium
