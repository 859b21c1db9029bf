// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/table/rowsnapshot.h"

#include <functional>

class QAbstractItemModel;
class QIODevice;

namespace allium {

/// Writes the rows a message table shows (a MessageTableModel or a proxy over it) as NDJSON
/// (each row's raw JSON as received, one per line) or CSV (one column per table column, exact
/// values: strings as sent, numbers never rounded to the display format). CSV cells that a
/// spreadsheet would run as a formula are neutralised (see neutralised()).
class RowExporter
{
public:
    enum class Format { Ndjson, Csv };

    /// Told how many rows are written so far, now and then; returning false cancels.
    using Progress = std::function<bool(qint64 written)>;

    /// Writes rows given as their raw JSON (a snapshot: any thread may do this) with one CSV
    /// column per dot path. Rows written, or -1 with `error` set when the device failed or
    /// `progress` cancelled.
    static qint64 writeRows(const RowSnapshot &rows, const QStringList &columns, Format format,
                            QIODevice *device, QString *error = nullptr,
                            const Progress &progress = {});
    /// writeRows() to `fileName` (format by name), replaced only once everything is written.
    static qint64 writeRowsToFile(const RowSnapshot &rows, const QStringList &columns,
                                  const QString &fileName, QString *error = nullptr,
                                  const Progress &progress = {});

    /// Rows written, or -1 with `error` set when the device failed.
    static qint64 write(const QAbstractItemModel &model, Format format, QIODevice *device,
                        QString *error = nullptr);
    /// Writes `model` to `fileName`: CSV for a .csv name, NDJSON otherwise. The file is
    /// replaced only once everything is written (a failed export leaves the old one). Rows
    /// written, or -1 with `error` set.
    static qint64 writeFile(const QAbstractItemModel &model, const QString &fileName,
                            QString *error = nullptr);
    /// Csv for a name ending in .csv (any case), else Ndjson.
    static Format formatForFileName(const QString &fileName);
    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    static QString csvField(const QString &text);
    /// Formula injection guard: text starting with = + - @, a tab or a carriage return gets a
    /// leading ' unless it is a plain decimal number (-?digits[.digits], e.g. "-1.5"), which a
    /// spreadsheet reads as the number it is. Header cells (field names) get the same.
    static QString neutralised(const QString &text);
};

} // namespace allium
