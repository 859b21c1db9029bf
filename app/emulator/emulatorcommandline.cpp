// SPDX-License-Identifier: MIT
#include "emulator/emulatorcommandline.h"

#include "emulator/replaycommandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include <limits>

namespace allium {

namespace {

// One integer option: an error message names the option and the accepted range.
bool readInteger(const QCommandLineParser &parser, const QString &name, qint64 minimum,
                 qint64 maximum, qint64 *value, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 parsed = parser.value(name).toLongLong(&ok);
    if (!ok || parsed < minimum || parsed > maximum) {
        *error = QStringLiteral("--%1: expected a whole number from %2 to %3, got \"%4\"")
                     .arg(name)
                     .arg(minimum)
                     .arg(maximum)
                     .arg(parser.value(name));
        return false;
    }
    *value = parsed;
    return true;
}

bool readPositiveDouble(const QCommandLineParser &parser, const QString &name, double *value,
                        QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double parsed = parser.value(name).toDouble(&ok);
    if (!ok || !(parsed > 0) || parsed > 1e9) {
        *error = QStringLiteral("--%1: expected a number greater than 0, got \"%2\"")
                     .arg(name, parser.value(name));
        return false;
    }
    *value = parsed;
    return true;
}

// --start-time: ISO-8601 (a time without zone is UTC) or whole seconds since the epoch.
bool readStartTime(const QString &text, qint64 *msecs)
{
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber) {
        // Up to the year 9999, as Qt dates go.
        if (seconds <= 0 || seconds > 253402300799LL)
            return false;
        *msecs = seconds * 1000;
        return true;
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return false;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    *msecs = time.toMSecsSinceEpoch();
    return *msecs > 0;
}

// The live chain's options (start time and integrity faults), with the rules between them.
bool readChainOptions(const QCommandLineParser &parser, EmulatorOptions *options, QString *error)
{
    constexpr qint64 intMax = std::numeric_limits<int>::max();
    if (parser.isSet(QStringLiteral("start-time")) &&
        !readStartTime(parser.value(QStringLiteral("start-time")), &options->startTimeMs)) {
        *error = QStringLiteral("--start-time: expected ISO-8601 such as 2026-11-27T20:00:00Z or "
                                "seconds since the epoch, got \"%1\"")
                     .arg(parser.value(QStringLiteral("start-time")));
        return false;
    }
    qint64 gapEvery = 0, reorgEvery = 0, reorgDepth = 0, duplicateEvery = 0, lag = 0;
    if (!readInteger(parser, QStringLiteral("gap-every"), 2, intMax, &gapEvery, error) ||
        !readInteger(parser, QStringLiteral("reorg-every"), 2, intMax, &reorgEvery, error) ||
        !readInteger(parser, QStringLiteral("reorg-depth"), 1, intMax, &reorgDepth, error) ||
        !readInteger(parser, QStringLiteral("duplicate-every"), 1, intMax, &duplicateEvery,
                     error) ||
        !readInteger(parser, QStringLiteral("lag-ms"), 0, 3600000, &lag, error))
        return false;
    if ((reorgEvery > 0) != (reorgDepth > 0)) {
        *error = reorgEvery > 0 ? QStringLiteral("--reorg-every needs --reorg-depth D")
                                : QStringLiteral("--reorg-depth needs --reorg-every N");
        return false;
    }
    if (reorgDepth >= reorgEvery && reorgEvery > 0) {
        *error = QStringLiteral("--reorg-depth: %1 must be less than --reorg-every %2, so two "
                                "reorgs never replace the same block")
                     .arg(reorgDepth)
                     .arg(reorgEvery);
        return false;
    }
    EmulatorFaults &faults = options->faults;
    faults.gapEvery = int(gapEvery);
    faults.reorgEvery = int(reorgEvery);
    faults.reorgDepth = int(reorgDepth);
    faults.duplicateEvery = int(duplicateEvery);
    faults.lagMs = int(lag);
    return true;
}

} // namespace

EmulatorCommandLine::Result EmulatorCommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local emulator of Allium's websocket APIs and data streams, with "
                       "synthetic data. Listens on 127.0.0.1 only."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const auto value = [](const char *name, const char *description, const char *valueName,
                          const QString &defaultValue = {}) {
        QCommandLineOption option(QString::fromLatin1(name), QString::fromLatin1(description),
                                  QString::fromLatin1(valueName));
        if (!defaultValue.isEmpty())
            option.setDefaultValue(defaultValue);
        return option;
    };
    const auto flag = [](const char *name, const char *description) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description));
    };
    parser.addOptions({
        value("port", "TCP port on 127.0.0.1; 0 picks a free one.", "N", QStringLiteral("0")),
        value("key", "An accepted API key (repeatable). Default: allium-demo-key.", "K"),
        value("seed", "Seed of the synthetic data: same seed, same data.", "S",
              QStringLiteral("1")),
        value("speed",
              "Runs the chain's clock X times faster than real time: timestamps are then chain "
              "time (start time + elapsed x X), ahead of the wall clock.",
              "X", QStringLiteral("1")),
        value("rate",
              "Messages per second for every topic, overriding the cadence: each topic's clock "
              "runs as fast as that takes (timestamps keep their spacing, 12 s between Ethereum "
              "blocks), so topics no longer share one clock.",
              "R"),
        value("latency-ms", "API responses wait a random 0..MS, so they complete out of order.",
              "MS"),
        value("firehose",
              "Each started stream sends N messages as fast as the socket takes "
              "them, then goes quiet.",
              "N"),
        // The live chain and its integrity faults (issue 12).
        value("start-time",
              "The chain's clock when the emulator starts, ISO-8601 (2026-11-27T20:00:00Z) or "
              "seconds since the epoch; default now. With --seed, reproducible blocks.",
              "TIME"),
        value("gap-every",
              "Fault: a block whose number is a multiple of N (Solana: block_height) is never "
              "sent, nor its transactions, logs or trades. N >= 2.",
              "N"),
        value("reorg-every",
              "Fault: when the chain reaches a block number R that is a multiple of N, blocks "
              "R-D+1..R are sent again right after R with new hashes (D: --reorg-depth); the "
              "chain goes on from them.",
              "N"),
        value("reorg-depth", "Blocks a reorg replaces, 1 <= D < N (with --reorg-every).", "D"),
        value("duplicate-every",
              "Fault: every message of a block whose number is a multiple of N is sent twice in "
              "a row.",
              "N"),
        value("lag-ms", "Fault: messages leave MS (of chain time) after their timestamp.", "MS"),
        flag("tls", "Serve wss:// with a self-signed certificate generated at startup."),
        flag("no-deflate",
             "Refuse permessage-deflate (compression) to clients that offer it. (With --tls it "
             "is never negotiated.)"),
        value("deflate-level",
              "zlib level of compressed messages: 1 (fastest, the default) to 9 (smallest).", "L",
              QStringLiteral("1")),
        value("cert-out", "With --tls: write the certificate (PEM) to FILE for clients to trust.",
              "FILE"),
        value("drop-after", "Fault: abort the TCP connection after N stream messages.", "N"),
        value("malformed-every", "Fault: every Nth stream frame is truncated JSON.", "N"),
        value("stall-after", "Fault: after N stream messages, send nothing and answer no ping.",
              "N"),
        value("close-after", "Fault: close the stream after N messages (see --close-code).", "N"),
        value("close-code", "Close code for --close-after.", "C", QStringLiteral("1011")),
        value("handshake-delay-ms", "Fault: wait MS before answering the websocket handshake.",
              "MS"),
        flag("stall-api", "Fault: accept API requests but never answer them."),
        value("max-connections",
              "Websocket connections open at once; more are refused with HTTP 503.", "N",
              QStringLiteral("256")),
        value("max-write-queue",
              "Bytes a connection may leave unread (responses, errors, held requests); above "
              "half, API responses wait and stream messages are dropped; above it, the "
              "connection is closed with 1008.",
              "BYTES", QStringLiteral("16777216")),
        value("idle-timeout-ms",
              "Close a connection that receives nothing (not even a ping) and has nothing "
              "running for MS; 0 never.",
              "MS", QStringLiteral("300000")),
    });
    ReplayCommandLine::addOptions(parser);

    Result result;
    if (!parser.parse(arguments)) {
        result.text = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.outcome = Outcome::Help;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.outcome = Outcome::Version;
        result.text = QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(),
                                                  QCoreApplication::applicationVersion());
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.text = QStringLiteral("unexpected argument \"%1\"; see --help")
                          .arg(parser.positionalArguments().constFirst());
        return result;
    }

    EmulatorOptions &options = result.options;
    EmulatorFaults &faults = options.faults;
    constexpr qint64 intMax = std::numeric_limits<int>::max();
    qint64 port = 0, seed = 1, latency = 0, firehose = 0, dropAfter = 0, malformedEvery = 0,
           stallAfter = 0, closeAfter = 0, closeCode = 1011, handshakeDelay = 0,
           deflateLevel = options.deflateLevel;
    EmulatorLimits &limits = options.limits;
    qint64 maxConnections = limits.maxConnections, maxWriteQueue = limits.maxWriteQueueBytes,
           idleTimeout = limits.idleTimeoutMs;
    QString &error = result.text;
    const bool ok =
        readInteger(parser, QStringLiteral("port"), 0, 65535, &port, &error) &&
        readInteger(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed,
                    &error) &&
        readPositiveDouble(parser, QStringLiteral("speed"), &options.speed, &error) &&
        readPositiveDouble(parser, QStringLiteral("rate"), &options.rate, &error) &&
        readInteger(parser, QStringLiteral("latency-ms"), 0, 600000, &latency, &error) &&
        readInteger(parser, QStringLiteral("firehose"), 1, std::numeric_limits<qint64>::max(),
                    &firehose, &error) &&
        readInteger(parser, QStringLiteral("drop-after"), 1, intMax, &dropAfter, &error) &&
        readInteger(parser, QStringLiteral("malformed-every"), 1, intMax, &malformedEvery,
                    &error) &&
        readInteger(parser, QStringLiteral("stall-after"), 1, intMax, &stallAfter, &error) &&
        readInteger(parser, QStringLiteral("close-after"), 1, intMax, &closeAfter, &error) &&
        readInteger(parser, QStringLiteral("close-code"), 1000, 4999, &closeCode, &error) &&
        readInteger(parser, QStringLiteral("handshake-delay-ms"), 0, 600000, &handshakeDelay,
                    &error) &&
        readInteger(parser, QStringLiteral("deflate-level"), 1, 9, &deflateLevel, &error) &&
        readInteger(parser, QStringLiteral("max-connections"), 1, 100000, &maxConnections,
                    &error) &&
        // Under 64 KiB a single ordinary response could not be queued.
        readInteger(parser, QStringLiteral("max-write-queue"), 65536, qint64(1) << 40,
                    &maxWriteQueue, &error) &&
        readInteger(parser, QStringLiteral("idle-timeout-ms"), 0, intMax, &idleTimeout, &error);
    if (!ok || !readChainOptions(parser, &options, &error) ||
        !ReplayCommandLine::read(parser, &options.replay, &error))
        return result;
    // The codes a close frame may carry, as Qt's client checks them: 1000-1003, 1007-1011 and
    // 3000-4999 (1004-1006 are reserved, 1012-2999 unassigned for Qt).
    if ((closeCode >= 1004 && closeCode <= 1006) || (closeCode >= 1012 && closeCode <= 2999)) {
        error = QStringLiteral("--close-code: %1 may not be sent in a close frame; use 1000-1003, "
                               "1007-1011 or 3000-4999")
                    .arg(closeCode);
        return result;
    }
    if (parser.isSet(QStringLiteral("close-code")) && closeAfter == 0) {
        error = QStringLiteral("--close-code needs --close-after N");
        return result;
    }
    const QString certificateOut = parser.value(QStringLiteral("cert-out"));
    if (!certificateOut.isEmpty() && !parser.isSet(QStringLiteral("tls"))) {
        error = QStringLiteral("--cert-out needs --tls");
        return result;
    }
    const QStringList keys = parser.values(QStringLiteral("key"));
    for (const QString &key : keys) {
        if (key.trimmed().isEmpty() || key.trimmed() != key) {
            error = QStringLiteral("--key: a key may not be empty or start or end with spaces");
            return result;
        }
    }

    options.port = quint16(port);
    options.seed = quint64(seed);
    options.latencyMs = int(latency);
    options.firehoseCount = firehose;
    options.tls = parser.isSet(QStringLiteral("tls"));
    options.deflate = !parser.isSet(QStringLiteral("no-deflate"));
    options.deflateLevel = int(deflateLevel);
    if (!keys.isEmpty())
        options.keys = keys;
    faults.dropAfterMessages = int(dropAfter);
    faults.malformedEvery = int(malformedEvery);
    faults.stallAfterMessages = int(stallAfter);
    faults.closeAfterMessages = int(closeAfter);
    faults.closeCode = int(closeCode);
    faults.handshakeDelayMs = int(handshakeDelay);
    faults.stallApi = parser.isSet(QStringLiteral("stall-api"));
    limits.maxConnections = int(maxConnections);
    limits.maxWriteQueueBytes = maxWriteQueue;
    limits.idleTimeoutMs = int(idleTimeout);
    result.certificateOut = certificateOut;
    result.outcome = Outcome::Run;
    error.clear();
    return result;
}

} // namespace allium
