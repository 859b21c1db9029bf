// SPDX-License-Identifier: MIT
// Fuzzes the API console's parsers of response and body JSON: JsonKeyOrder on the input (and on
// it wrapped as a response frame), ApiItemsTableModel on a response's data and that frame (the
// columns in its key order) under QAbstractItemModelTester (fatal on any model contract violation),
// every cell read as the table and the exporter do and a sort on a few columns; then ApiRequestForm
// reading the same JSON as the body of one catalogue endpoint (chosen by the input's length), which
// must leave the request as it was, and a field edit.
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apiitemstablemodel.h"
#include "core/api/apirequestform.h"
#include "core/json/jsonkeyorder.h"
#include "core/table/messagetablemodel.h"
#include "fuzzsupport.h"

#include <QAbstractItemModelTester>
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace allium;

namespace {

void walkTable(const QJsonValue &value, const QByteArray &frame)
{
    ApiItemsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setResponseData(value, frame);
    fuzz::require(model.columnCount() <= ApiItemsTableModel::MaxColumns, "columns are bounded");
    fuzz::require(model.rowCount() <= ApiItemsTableModel::MaxRows, "rows are bounded");
    for (int row = 0; row < model.rowCount(); ++row) {
        (void)model.index(row, 0).data(MessageTableModel::RawJsonRole);
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::TextAlignmentRole),
                             int(MessageTableModel::JsonValueRole)})
                (void)model.data(index, role);
        }
    }
    for (int column = 0; column < std::min(model.columnCount(), 3); ++column) {
        model.sort(column, Qt::AscendingOrder);
        model.sort(column, Qt::DescendingOrder);
    }
}

void editForm(const QJsonValue &value, std::size_t size)
{
    const QList<ApiEndpoint> &endpoints = ApiEndpointCatalogue::endpoints();
    const ApiEndpoint &endpoint = endpoints.at(qsizetype(size % std::size_t(endpoints.size())));
    ApiRequestForm form(endpoint);
    form.read(endpoint.path, value);
    fuzz::require(form.body() == value, "reading a body changes nothing in it");
    fuzz::require(form.path() == endpoint.path, "reading a body changes nothing in the path");
    for (const ApiParameter &p : form.fields()) {
        (void)form.text(p.name);
        (void)form.isExact(p.name);
    }
    for (int input = 0; input < std::min(form.inputCount(), 4); ++input) {
        for (const ApiParameter &p : form.inputFields())
            (void)form.inputText(input, p.name);
    }
    (void)form.bodyText();
    if (!form.fields().isEmpty()) {
        const QString name = form.fields().constFirst().name;
        const QString before = form.text(name);
        form.setText(name, QStringLiteral("12"));
        fuzz::require(!form.isEditable() || form.text(name) == QLatin1String("12"),
                      "an editable form shows what was typed");
        if (!form.isEditable())
            fuzz::require(form.text(name) == before, "a form that cannot edit changes nothing");
    }
    if (form.isEditable() && form.inputCount() > 0)
        form.removeInput(0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    const QByteArray frame = "{\"data\":" + bytes + '}';
    for (const QByteArray &text : {bytes, frame}) {
        const QHash<QString, QStringList> order =
            JsonKeyOrder::ofRows(text, ApiItemsTableModel::KeyOrderRows, 3);
        qsizetype keys = 0;
        for (const QStringList &list : order)
            keys += list.size();
        fuzz::require(keys <= JsonKeyOrder::MaxKeys, "key order is bounded");
    }
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isNull())
        return 0;
    const QJsonValue value =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    walkTable(value, frame);
    editForm(value, size);
    return 0;
}
