// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace allium {

/// The key every emulator accepts unless told otherwise; documented in the README.
inline const QString EmulatorDemoKey = QStringLiteral("allium-demo-key");

/// Faults the emulator injects, for tests of the client's error handling. Zero means off.
struct EmulatorFaults
{
    int dropAfterMessages =
        0;                  ///< abort the TCP connection after N stream messages (no close frame)
    int malformedEvery = 0; ///< every Nth stream frame is malformed JSON instead of a message
    int stallAfterMessages = 0; ///< after N stream messages, send nothing more and answer no ping
    int closeAfterMessages = 0; ///< after N stream messages, close with closeCode
    int closeCode = 0;          ///< the close code for closeAfterMessages (default 1011)
    int handshakeDelayMs = 0;   ///< wait this long before answering the websocket handshake
    bool stallApi = false;      ///< accept API requests but never answer them
    // Integrity faults of the chain itself, the same for every client and every topic of a chain
    // (see BlockSchedule): N counts block numbers (Solana: block_height), not messages.
    int gapEvery = 0;       ///< a block whose number is a multiple of N is never sent (N >= 2)
    int reorgEvery = 0;     ///< at each multiple R of N, blocks R-D+1..R are sent again, new hashes
    int reorgDepth = 0;     ///< D for reorgEvery, 1 <= D < N
    int duplicateEvery = 0; ///< each message of a block whose number is a multiple of N, twice
    int lagMs = 0;          ///< messages leave MS of chain time after their timestamp
};

/// Bounds on what clients may make the emulator hold, so a hostile or stuck client cannot grow it
/// without limit (the GUI embeds it; anyone on the machine can reach its port).
struct EmulatorLimits
{
    /// Websocket connections open at once (API and stream together); more are refused at the
    /// handshake with HTTP 503.
    int maxConnections = 256;
    /// Bytes a connection may have waiting to be written (unread responses, error frames,
    /// pongs, plus requests held back for it). Above half of it API responses wait and stream
    /// messages are dropped; above it the connection is closed with 1008.
    qint64 maxWriteQueueBytes = 16 * 1024 * 1024;
    /// A connection that receives nothing (not even a ping) while nothing of it is running (no
    /// started stream, no request in flight) is closed after this long; 0 never.
    int idleTimeoutMs = 5 * 60 * 1000;
};

/// How an emulator instance behaves; the command line of allium-emulator maps onto this.
struct EmulatorOptions
{
    QHostAddress address = QHostAddress::LocalHost; ///< loopback only, always
    quint16 port = 0;                               ///< 0 picks a free port
    QStringList keys{EmulatorDemoKey};
    quint64 seed = 1; ///< same seed, same data
    /// The chain clock (ms since the epoch) when the server starts; it then runs at `speed`, so
    /// timestamps are startTimeMs + elapsed × speed. 0: the current time (EmulatorServer sets
    /// it when it is made).
    qint64 startTimeMs = 0;
    double speed = 1.0;       ///< multiplies the real-time cadence of every topic
    double rate = 0;          ///< if > 0: messages per second for every topic, overriding cadence
    int latencyMs = 0;        ///< API response delay; each response waits up to this (random),
                              ///< so responses complete out of order
    qint64 firehoseCount = 0; ///< if > 0: each started stream sends N messages as fast as the
                              ///< socket takes them, then goes quiet
    bool tls = false;         ///< wss:// with a generated self-signed certificate
    bool deflate = true;      ///< permessage-deflate with clients that offer it (not with tls)
    int deflateLevel = 1;     ///< zlib level of what the emulator compresses: 1 fastest, 9 smallest
    EmulatorFaults faults;
    EmulatorLimits limits;
    /// --replay FILE: the recording's topic serves the recording instead of synthetic data.
    struct Replay
    {
        QString path;      ///< empty: no replay
        QString topic;     ///< the recording's topic (from its header)
        bool loop = false; ///< start over at the end (the pacing follows `speed`)
    } replay;
};

} // namespace allium
