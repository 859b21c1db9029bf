// SPDX-License-Identifier: MIT
#include "core/stream/fieldcatalogue.h"

#include "core/json/numerictext.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace allium {

namespace {

struct FieldEntry
{
    std::string path;
    unsigned types = 0;
    quint64 presence = 0;
    quint64 lastSample = 0; // the sample that last counted towards presence
    bool hasRange = false;
    bool numericString = false;
    double min = 0;
    double max = 0;

    void addNumber(double value)
    {
        if (!std::isfinite(value))
            return;
        if (!hasRange) {
            min = max = value;
            hasRange = true;
        } else {
            min = std::min(min, value);
            max = std::max(max, value);
        }
    }
};

} // namespace

class FieldCatalogue::Private
{
public:
    void walk(simdjson::dom::object object, std::string &path, int depth);
    FieldEntry *entry(const std::string &path);

    simdjson::dom::parser parser;
    std::string padded;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<FieldEntry> fields;
    QString topic;
    int sampleAllFirst = 500;
    int sampleEvery = 20;
    quint64 offered = 0;
    quint64 sampled = 0;
    bool newFields = false;
    bool changed = false;
};

FieldEntry *FieldCatalogue::Private::entry(const std::string &path)
{
    const auto found = index.find(path);
    if (found != index.end())
        return &fields[found->second];
    if (fields.size() >= std::size_t(MaxFields))
        return nullptr;
    index.emplace(path, fields.size());
    fields.push_back(FieldEntry{path});
    newFields = true;
    return &fields.back();
}

void FieldCatalogue::Private::walk(simdjson::dom::object object, std::string &path, int depth)
{
    for (const auto field : object) {
        const std::size_t parentLength = path.size();
        if (!path.empty())
            path += '.';
        path.append(field.key.data(), field.key.size());

        FieldEntry *info = entry(path);
        const simdjson::dom::element value = field.value;
        if (info) {
            // Once per message: a duplicated key, or "a.b" next to {"a":{"b":…}}, names the
            // same path twice, and presence must not exceed the messages sampled.
            if (info->lastSample != sampled) {
                info->lastSample = sampled;
                ++info->presence;
            }
            switch (value.type()) {
            case simdjson::dom::element_type::OBJECT:
                info->types |= FieldInfo::Object;
                break;
            case simdjson::dom::element_type::ARRAY:
                info->types |= FieldInfo::Array;
                break;
            case simdjson::dom::element_type::INT64:
                info->types |= FieldInfo::Number;
                info->addNumber(double(value.get_int64().value_unsafe()));
                break;
            case simdjson::dom::element_type::UINT64:
                info->types |= FieldInfo::Number;
                info->addNumber(double(value.get_uint64().value_unsafe()));
                break;
            case simdjson::dom::element_type::DOUBLE:
                info->types |= FieldInfo::Number;
                info->addNumber(value.get_double().value_unsafe());
                break;
            case simdjson::dom::element_type::STRING: {
                info->types |= FieldInfo::String;
                double number = 0;
                if (parseDecimalText(value.get_string().value_unsafe(), &number)) {
                    info->numericString = true;
                    info->addNumber(number);
                }
                break;
            }
            case simdjson::dom::element_type::BOOL:
                info->types |= FieldInfo::Bool;
                break;
            case simdjson::dom::element_type::NULL_VALUE:
                info->types |= FieldInfo::Null;
                break;
            }
        }
        // Arrays are noted but not descended: their elements have no stable dot path.
        if (value.type() == simdjson::dom::element_type::OBJECT && depth + 1 < MaxDepth)
            walk(value.get_object().value_unsafe(), path, depth + 1);
        path.resize(parentLength);
    }
}

FieldCatalogue::FieldCatalogue()
    : d(std::make_unique<Private>())
{}

FieldCatalogue::~FieldCatalogue() = default;

void FieldCatalogue::setSampling(int sampleAllFirst, int sampleEvery)
{
    d->sampleAllFirst = qMax(0, sampleAllFirst);
    d->sampleEvery = qMax(1, sampleEvery);
}

bool FieldCatalogue::takeSampleTurn()
{
    const quint64 number = d->offered++;
    return number < quint64(d->sampleAllFirst) ||
           (number - quint64(d->sampleAllFirst)) % quint64(d->sampleEvery) == 0;
}

bool FieldCatalogue::offer(const QByteArray &json)
{
    return takeSampleTurn() && addMessage(json);
}

bool FieldCatalogue::addMessage(const QByteArray &json)
{
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; a reused buffer keeps that
    // safe without an allocation per message.
    const std::size_t length = std::size_t(json.size());
    if (d->padded.size() < length + simdjson::SIMDJSON_PADDING)
        d->padded.resize(length + simdjson::SIMDJSON_PADDING);
    std::memcpy(d->padded.data(), json.constData(), length);

    simdjson::dom::element root;
    if (d->parser.parse(d->padded.data(), length, false).get(root) != simdjson::SUCCESS)
        return false;
    return addParsed(root);
}

bool FieldCatalogue::addParsed(const simdjson::dom::element &root)
{
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS)
        return false;
    ++d->sampled;
    std::string path;
    path.reserve(64);
    d->walk(object, path, 0);
    d->changed = true;
    return true;
}

quint64 FieldCatalogue::offeredMessages() const
{
    return d->offered;
}

quint64 FieldCatalogue::sampledMessages() const
{
    return d->sampled;
}

int FieldCatalogue::fieldCount() const
{
    return int(d->fields.size());
}

QVector<FieldInfo> FieldCatalogue::snapshot() const
{
    QVector<FieldInfo> result;
    result.reserve(int(d->fields.size()));
    for (const FieldEntry &entry : d->fields) {
        FieldInfo info;
        info.path = QString::fromUtf8(entry.path.data(), qsizetype(entry.path.size()));
        info.types = entry.types;
        info.presence = entry.presence;
        info.presenceRatio = d->sampled ? double(entry.presence) / double(d->sampled) : 0.0;
        info.hasRange = entry.hasRange;
        info.min = entry.min;
        info.max = entry.max;
        info.numericString = entry.numericString;
        result.append(info);
    }
    return result;
}

bool FieldCatalogue::takeNewFields()
{
    return std::exchange(d->newFields, false);
}

bool FieldCatalogue::takeChanged()
{
    return std::exchange(d->changed, false);
}

void FieldCatalogue::clear()
{
    d->index.clear();
    d->fields.clear();
    d->offered = 0;
    d->sampled = 0;
    d->newFields = false;
    d->changed = true;
}

void FieldCatalogue::setTopic(const QString &topic)
{
    if (topic == d->topic)
        return;
    d->topic = topic;
    clear();
}

QString FieldCatalogue::topic() const
{
    return d->topic;
}

} // namespace allium
