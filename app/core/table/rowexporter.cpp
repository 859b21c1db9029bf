// SPDX-License-Identifier: MIT
#include "core/table/rowexporter.h"

#include <QSaveFile>

#include "core/json/decimalnumber.h"
#include "core/table/messagetablemodel.h"

#include <QAbstractItemModel>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace allium {

namespace {

QString exactText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Integers up to 2^53 print without exponent; others keep every significant digit.
        if (number == double(qint64(number)) && qAbs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

bool writeAll(QIODevice *device, const QByteArray &bytes, QString *error)
{
    if (device->write(bytes) == bytes.size())
        return true;
    if (error)
        *error = device->errorString();
    return false;
}

} // namespace

QString RowExporter::neutralised(const QString &text)
{
    // OWASP's CSV injection advice: a cell a spreadsheet would read as a formula gets a leading
    // quote. A plain decimal number ("-1.5") is no formula and stays a number.
    if (text.isEmpty() || DecimalNumber::isNumeric(text))
        return text;
    switch (text.front().unicode()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return QLatin1Char('\'') + text;
    default:
        return text;
    }
}

QString RowExporter::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

namespace {

// Progress is reported (and cancelling checked) every this many rows.
constexpr qint64 ProgressEvery = 2000;

RowSnapshot modelRows(const QAbstractItemModel &model)
{
    QVector<QByteArray> rows;
    rows.reserve(model.rowCount());
    for (int row = 0; row < model.rowCount(); ++row)
        rows.append(model.index(row, 0).data(MessageTableModel::RawJsonRole).toByteArray());
    return RowSnapshot::fromRows(rows);
}

QStringList modelColumns(const QAbstractItemModel &model)
{
    QStringList columns;
    for (int column = 0; column < model.columnCount(); ++column)
        columns << model.headerData(column, Qt::Horizontal, MessageTableModel::PathRole).toString();
    return columns;
}

} // namespace

qint64 RowExporter::writeRows(const RowSnapshot &rows, const QStringList &columns, Format format,
                              QIODevice *device, QString *error, const Progress &progress)
{
    if (format == Format::Csv) {
        QStringList header;
        for (const QString &path : columns)
            header << csvField(neutralised(path));
        if (!writeAll(device, header.join(QLatin1Char(',')).toUtf8() + "\r\n", error))
            return -1;
    }
    QByteArray chunk;
    for (qint64 row = 0; row < rows.size(); ++row) {
        const QByteArray &json = rows.at(row);
        if (format == Format::Ndjson) {
            // Raw frames are single-line JSON; a pretty-printed one is compacted to stay NDJSON.
            if (json.contains('\n'))
                chunk += QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
            else
                chunk += json;
            chunk += '\n';
        } else {
            const QJsonObject object = QJsonDocument::fromJson(json).object();
            QStringList fields;
            for (const QString &path : columns) {
                const QJsonValue value = MessageTableModel::valueAt(object, path);
                // JSON numbers are printed by us ("-1e+300"), never a formula: they stay numbers.
                const QString text = exactText(value);
                fields << csvField(value.isDouble() ? text : neutralised(text));
            }
            chunk += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
        }
        if ((row + 1) % ProgressEvery == 0 || row + 1 == rows.size()) {
            if (!writeAll(device, chunk, error))
                return -1;
            chunk.clear();
            if (progress && !progress(row + 1)) {
                if (error)
                    *error = QObject::tr("Export cancelled");
                return -1;
            }
        }
    }
    return rows.size();
}

qint64 RowExporter::writeRowsToFile(const RowSnapshot &rows, const QStringList &columns,
                                    const QString &fileName, QString *error,
                                    const Progress &progress)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    const qint64 written =
        writeRows(rows, columns, formatForFileName(fileName), &file, error, progress);
    if (written < 0) {
        file.cancelWriting();
        return -1;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    return written;
}

qint64 RowExporter::write(const QAbstractItemModel &model, Format format, QIODevice *device,
                          QString *error)
{
    return writeRows(modelRows(model), modelColumns(model), format, device, error);
}

RowExporter::Format RowExporter::formatForFileName(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? Format::Csv
                                                                         : Format::Ndjson;
}

qint64 RowExporter::writeFile(const QAbstractItemModel &model, const QString &fileName,
                              QString *error)
{
    return writeRowsToFile(modelRows(model), modelColumns(model), fileName, error);
}

} // namespace allium
