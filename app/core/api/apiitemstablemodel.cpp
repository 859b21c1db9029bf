// SPDX-License-Identifier: MIT
#include "core/api/apiitemstablemodel.h"

#include "core/json/jsonkeyorder.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rowsortkey.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <numeric>

namespace allium {

namespace {

// Distinct hidden paths counted at most: past this the count says "at least".
constexpr int MaxCountedHiddenColumns = 10000;
// The column of items that are no objects (an array of numbers or strings).
// ("value" would read as wei.)
const QString ScalarColumn = QStringLiteral("item");

QByteArray rawText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

ApiItemsTableModel::ApiItemsTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

bool ApiItemsTableModel::rowsOf(const QJsonValue &data, QJsonArray *rows)
{
    if (data.isArray()) {
        *rows = data.toArray();
        return true;
    }
    const QJsonValue items = data.toObject().value(QLatin1String("items"));
    *rows = items.toArray();
    return items.isArray();
}

bool ApiItemsTableModel::setResponseData(const QJsonValue &data, const QByteArray &frame)
{
    return setResponsePages({data}, {frame});
}

bool ApiItemsTableModel::setResponsePages(const QList<QJsonValue> &pages,
                                          const QList<QByteArray> &frames)
{
    m_keyOrder.clear();
    for (const QByteArray &frame : frames) {
        m_keyOrder = JsonKeyOrder::ofRows(frame, KeyOrderRows, MaxDepth);
        if (!m_keyOrder.isEmpty())
            break;
    }
    beginResetModel();
    m_rows.clear();
    m_columns.clear();
    m_hidden.clear();
    m_hiddenColumns = 0;
    m_droppedRows = 0;
    m_hasRows = false;
    for (const QJsonValue &data : pages) {
        QJsonArray items;
        if (!rowsOf(data, &items))
            continue;
        m_hasRows = true;
        const int kept = int(std::min<qsizetype>(items.size(), MaxRows - m_rows.size()));
        m_droppedRows += int(items.size()) - kept;
        m_rows.reserve(m_rows.size() + kept);
        for (int i = 0; i < kept; ++i) {
            const QJsonValue item = items.at(i);
            // Items that are no objects get one column of their own, so every row is an object
            // (what the exporter and the dot paths expect).
            const QJsonObject object =
                item.isObject() ? item.toObject() : QJsonObject{{ScalarColumn, item}};
            collectColumns(object, QString(), 1);
            m_rows.append({object, QJsonDocument(object).toJson(QJsonDocument::Compact)});
        }
    }
    m_hiddenColumns = int(m_hidden.size());
    m_hidden.clear();
    m_keyOrder.clear();
    std::stable_partition(m_columns.begin(), m_columns.end(),
                          [this](const QString &path) { return !m_nestedColumns.contains(path); });
    m_nestedColumns.clear();
    endResetModel();
    return m_hasRows;
}

void ApiItemsTableModel::clear()
{
    setResponseData(QJsonValue());
}

QStringList ApiItemsTableModel::orderedKeys(const QJsonObject &object, const QString &prefix) const
{
    const auto order = m_keyOrder.constFind(prefix);
    if (order == m_keyOrder.constEnd())
        return object.keys();
    QStringList keys;
    keys.reserve(object.size());
    for (const QString &key : *order) {
        if (object.contains(key))
            keys.append(key);
    }
    // Members the first rows did not have follow in key order.
    if (keys.size() < object.size()) {
        const QSet<QString> listed(keys.cbegin(), keys.cend());
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!listed.contains(it.key()))
                keys.append(it.key());
        }
    }
    return keys;
}

void ApiItemsTableModel::collectColumns(const QJsonObject &object, const QString &prefix, int depth)
{
    const QStringList keys = orderedKeys(object, prefix);
    for (const QString &key : keys) {
        const QString path = prefix + key;
        const QJsonValue value = object.value(key);
        if (value.isObject() && !value.toObject().isEmpty() && depth < MaxDepth &&
            !ValueFormatter::isMoney(value)) {
            collectColumns(value.toObject(), path + QLatin1Char('.'), depth + 1);
            continue;
        }
        if (m_columns.contains(path))
            continue;
        if (m_columns.size() < MaxColumns) {
            m_columns.append(path);
            if (depth > 1)
                m_nestedColumns.insert(path);
        } else if (m_hidden.size() < MaxCountedHiddenColumns)
            m_hidden.insert(path);
    }
}

void ApiItemsTableModel::setFormatter(const ValueFormatter &formatter)
{
    m_formatter = formatter;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int ApiItemsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApiItemsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QJsonValue ApiItemsTableModel::valueAt(int row, int column) const
{
    return MessageTableModel::valueAt(m_rows.at(row).object, m_columns.at(column));
}

QVariant ApiItemsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return m_formatter.display(m_columns.at(column), valueAt(row, column));
    case Qt::ToolTipRole: {
        const QJsonValue value = valueAt(row, column);
        return value.isUndefined() ? QString() : m_formatter.toolTip(m_columns.at(column), value);
    }
    case Qt::TextAlignmentRole: {
        const QJsonValue value = valueAt(row, column);
        const bool numeric =
            value.isDouble() || ValueFormatter::isMoney(value) ||
            ValueFormatter::kindForPath(m_columns.at(column)) != ValueFormatter::Kind::Plain;
        return QVariant::fromValue(Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft));
    }
    case MessageTableModel::RawJsonRole:
        return m_rows.at(row).raw;
    case MessageTableModel::JsonValueRole:
        return QVariant::fromValue(valueAt(row, column));
    case MessageTableModel::PathRole:
        return m_columns.at(column);
    default:
        return {};
    }
}

QVariant ApiItemsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < m_columns.size()) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole ||
            role == MessageTableModel::PathRole)
            return m_columns.at(section);
        return {};
    }
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 &&
        section < m_rows.size())
        return section + 1;
    return {};
}

void ApiItemsTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_columns.size() || m_rows.size() < 2)
        return;
    // The keys point into these texts, which live until the sort is done.
    std::vector<QByteArray> texts(size_t(m_rows.size()));
    std::vector<RowSortKey> keys(size_t(m_rows.size()));
    for (int row = 0; row < m_rows.size(); ++row) {
        QJsonValue value = valueAt(row, column);
        if (ValueFormatter::isMoney(value))
            value = value.toObject().value(QLatin1String("amount"));
        texts[size_t(row)] = rawText(value);
        keys[size_t(row)] = RowSortKey::fromRawValue(texts[size_t(row)]);
    }
    std::vector<int> order_(size_t(m_rows.size()));
    std::iota(order_.begin(), order_.end(), 0);
    const bool ascending = order == Qt::AscendingOrder;
    std::stable_sort(order_.begin(), order_.end(), [&keys, ascending](int a, int b) {
        return RowSortKey::before(keys[size_t(a)], keys[size_t(b)], ascending);
    });

    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QVector<Row> sorted;
    sorted.reserve(m_rows.size());
    std::vector<int> newRowOf(size_t(m_rows.size()));
    for (int i = 0; i < int(order_.size()); ++i) {
        sorted.append(m_rows.at(order_[size_t(i)]));
        newRowOf[size_t(order_[size_t(i)])] = i;
    }
    m_rows = std::move(sorted);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRowOf[size_t(index.row())], index.column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace allium
