#pragma once

#include "fieldinfo.h"
#include "streammessage.h"
#include "streamstats.h"

#include <QMetaType>
#include <QVector>

namespace allium {

/// What the ingest worker hands to the GUI thread at most every ~33 ms: the messages since the
/// previous batch, the counters at that moment and, when it changed, the field catalogue.
struct MessageBatch
{
    QVector<StreamMessage> messages;
    StreamStats stats;
    /// Set when the catalogue changed since the previous batch; empty otherwise.
    QVector<FieldInfo> fields;
    bool fieldsChanged = false;   ///< fields holds a new snapshot
    bool newFieldsAdded = false;  ///< the snapshot names a field path not seen before
};

} // namespace allium

Q_DECLARE_METATYPE(allium::MessageBatch)
