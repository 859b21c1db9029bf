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

qint64 RowExporter::write(const QAbstractItemModel &model, Format format, QIODevice *device,
                          QString *error)
{
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    if (format == Format::Csv) {
        QStringList header;
        for (int column = 0; column < columns; ++column)
            header << csvField(neutralised(
                model.headerData(column, Qt::Horizontal, MessageTableModel::PathRole).toString()));
        if (!writeAll(device, header.join(QLatin1Char(',')).toUtf8() + "\r\n", error))
            return -1;
    }
    for (int row = 0; row < rows; ++row) {
        QByteArray line;
        if (format == Format::Ndjson) {
            line = model.index(row, 0).data(MessageTableModel::RawJsonRole).toByteArray();
            // Raw frames are single-line JSON; a pretty-printed one is compacted to stay NDJSON.
            if (line.contains('\n'))
                line = QJsonDocument::fromJson(line).toJson(QJsonDocument::Compact);
            line += '\n';
        } else {
            QStringList fields;
            for (int column = 0; column < columns; ++column) {
                const QJsonValue value =
                    model.index(row, column).data(MessageTableModel::JsonValueRole).toJsonValue();
                // JSON numbers are printed by us ("-1e+300"), never a formula: they stay numbers.
                const QString text = exactText(value);
                fields << csvField(value.isDouble() ? text : neutralised(text));
            }
            line = fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
        }
        if (!writeAll(device, line, error))
            return -1;
    }
    return rows;
}

RowExporter::Format RowExporter::formatForFileName(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? Format::Csv
                                                                         : Format::Ndjson;
}

qint64 RowExporter::writeFile(const QAbstractItemModel &model, const QString &fileName,
                              QString *error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    const qint64 rows = write(model, formatForFileName(fileName), &file, error);
    if (rows < 0)
        return -1;
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    return rows;
}

} // namespace allium
