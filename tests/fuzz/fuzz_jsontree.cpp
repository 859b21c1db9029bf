// SPDX-License-Identifier: MIT
// Fuzzes the message detail tree on a message's bytes: JsonTreeModel::setJsonText under
// QAbstractItemModelTester (fatal on any model contract violation), then a walk over every index
// reading each role as the view and the "add filter on this field" action do.
#include "core/json/jsontreemodel.h"
#include "fuzzsupport.h"

#include <QAbstractItemModelTester>
#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace allium;

namespace {

void walk(const JsonTreeModel &model, const QModelIndex &parent, int depth)
{
    fuzz::require(depth <= JsonTreeModel::MaxDepth + 1, "the tree stops at MaxDepth");
    const int rows = model.rowCount(parent);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < model.columnCount(parent); ++column) {
            const QModelIndex index = model.index(row, column, parent);
            fuzz::require(index.isValid(), "every row and column has an index");
            fuzz::require(model.parent(index) == parent, "parent() gives the parent back");
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole),
                             int(JsonTreeModel::PathRole), int(JsonTreeModel::JsonValueRole)}) {
                (void)model.data(index, role);
            }
        }
        walk(model, model.index(row, 0, parent), depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::bytesOf(data, size);
    JsonTreeModel model;
    // A small node budget as well, so the truncation row is exercised on small inputs.
    model.setMaxNodes(size % 2 ? 50 : JsonTreeModel::DefaultMaxNodes);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QString error;
    if (!model.setJsonText(bytes, &error)) {
        fuzz::require(model.rowCount() == 0, "invalid JSON shows nothing");
        return 0;
    }
    walk(model, {}, 0);
    (void)JsonTreeModel::displayText(model.json());
    (void)JsonTreeModel::typeName(model.json());
    return 0;
}
