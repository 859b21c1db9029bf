// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor/integrityevent.h"
#include "core/stream/fieldinfo.h"
#include "core/stream/streammessage.h"
#include "core/stream/streamstats.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace allium {

/// What the ingest worker hands to the GUI thread at most every ~33 ms: the messages since the
/// previous batch, the server errors since then (counted, with the last one's text), the counters
/// at that moment and, when it changed, the field catalogue.
struct MessageBatch
{
    /// Longest server error text kept per batch (characters); a server may send megabytes.
    static constexpr int MaxServerErrorLength = 2000;

    QVector<StreamMessage> messages;
    qint64 bytes = 0;         ///< footprint of messages (StreamMessage::footprintBytes)
    quint64 serverErrors = 0; ///< `{"status":"error"}` frames since the previous batch
    QString lastServerError;  ///< the last one's `data`, shortened to MaxServerErrorLength
    /// What the integrity check noticed since the previous batch (at most
    /// MaxIntegrityEvents; stats.integrity counts every one).
    QVector<IntegrityEvent> integrityEvents;
    static constexpr int MaxIntegrityEvents = 256;
    StreamStats stats;
    /// Set when the catalogue changed since the previous batch; empty otherwise.
    QVector<FieldInfo> fields;
    bool fieldsChanged = false;  ///< fields holds a new snapshot
    bool newFieldsAdded = false; ///< the snapshot names a field path not seen before
    /// The stream jumped before these messages (a replay's seek or loop): what a view holds
    /// from before does not belong with them.
    bool startsOver = false;
};

} // namespace allium

Q_DECLARE_METATYPE(allium::MessageBatch)
