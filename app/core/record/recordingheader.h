// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QUrl>

namespace allium {

/// The first line of a recording: what it is and where it came from. Never holds a key: of the
/// server only the host (and port) is kept.
struct RecordingHeader
{
    /// The `format` value that says "this is an Allium recording".
    static constexpr char FormatName[] = "allium-recording";
    /// The format version this build writes, and the newest it reads.
    static constexpr int CurrentVersion = 1;
    /// A longer first line is not a recording header (a recording's header is a few hundred
    /// bytes; its filter is the only part that grows).
    static constexpr qsizetype MaxLineBytes = 1024 * 1024;

    enum class Status { Ok, Foreign, NewerVersion, Invalid };

    int version = CurrentVersion;
    QString topic;
    QJsonValue filter = QJsonValue::Null; ///< the setFilter `data`, or null when unfiltered
    QString profile;                      ///< the connection profile's name, may be empty
    QString host;                         ///< host[:port] of the server, never more of the URL
    QString app;                          ///< e.g. "allium-cli 0.1.0"
    qint64 startedUs = 0;                 ///< µs since the epoch (UTC)
    int part = 1;                         ///< 2, 3… for the files after a rotation

    /// host[:port] of `url` (user, password, path and query are never kept).
    static QString hostOf(const QUrl &url);
    /// The header as one line of JSON, without the line feed.
    QByteArray toLine() const;

    struct ParseResult;
    /// Reads a first line (without its line feed).
    static ParseResult parse(const QByteArray &line);

    bool operator==(const RecordingHeader &other) const;
};

/// What RecordingHeader::parse() found.
struct RecordingHeader::ParseResult
{
    Status status = Status::Invalid;
    QString error; ///< why, when status is not Ok ("not an Allium recording: …")
    RecordingHeader header;
    bool ok() const { return status == Status::Ok; }
};

} // namespace allium
