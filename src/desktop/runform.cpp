#include "desktop/runform.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace muelle::desktop {
namespace {

QStringList entriesOf(const QString &text, const QRegularExpression &separator)
{
    QStringList entries;
    for (const QString &entry : text.split(separator, Qt::SkipEmptyParts)) {
        if (!entry.trimmed().isEmpty())
            entries.append(entry.trimmed());
    }
    return entries;
}

bool isPort(const QString &text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port > 0 && port < 65536;
}

// "[ip:]host:container[/proto]" or "container[/proto]" into ExposedPorts and PortBindings.
Result<> addPort(const QString &mapping, QJsonObject &exposed, QJsonObject &bindings)
{
    const auto invalid = [&mapping] {
        return fail(Code::InvalidArgument,
            QObject::tr("invalid port mapping \"%1\": use HOST:CONTAINER, like 8080:80 or 5353:53/udp").arg(mapping));
    };
    QString spec = mapping;
    QString protocol = QStringLiteral("tcp");
    if (const qsizetype slash = spec.indexOf(u'/'); slash >= 0) {
        protocol = spec.mid(slash + 1).toLower();
        spec.truncate(slash);
        if (protocol != u"tcp" && protocol != u"udp" && protocol != u"sctp")
            return invalid();
    }
    const qsizetype lastColon = spec.lastIndexOf(u':');
    const QString inside = spec.mid(lastColon + 1);
    QString host = lastColon < 0 ? QString() : spec.left(lastColon);
    QString ip;
    if (const qsizetype colon = host.lastIndexOf(u':'); colon >= 0) {
        ip = host.left(colon);
        host = host.mid(colon + 1);
    }
    if (!isPort(inside) || (!host.isEmpty() && !isPort(host)))
        return invalid();
    const QString key = inside + u'/' + protocol;
    exposed.insert(key, QJsonObject{});
    QJsonArray hostPorts = bindings.value(key).toArray();
    hostPorts.append(QJsonObject{ { QStringLiteral("HostIp"), ip }, { QStringLiteral("HostPort"), host } });
    bindings.insert(key, hostPorts);
    return {};
}

} // namespace

Result<QStringList> shellWords(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote; // '\'' or '"' while inside one
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                word += c;
            continue;
        }
        if (c == u'\\' && i + 1 < line.size()) {
            const QChar next = line.at(i + 1);
            // In double quotes a backslash escapes only these.
            if (quote != u'"' || next == u'"' || next == u'\\' || next == u'$' || next == u'`') {
                word += next;
                ++i;
                inWord = true;
                continue;
            }
        }
        if (quote == u'"') {
            if (c == u'"')
                quote = QChar();
            else
                word += c;
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return fail(Code::InvalidArgument, QObject::tr("the command has an unclosed %1 quote").arg(quote));
    if (inWord)
        words.append(word);
    return words;
}

RunForm RunForm::of(const QVariantMap &form)
{
    const auto text = [&form](const char *key) { return form.value(QString::fromLatin1(key)).toString().trimmed(); };
    return { text("image"), text("command"), text("ports"), text("env"), text("volumes"), text("memory"), text("cpus"),
        text("restart"), text("network"), form.value(QStringLiteral("autoRemove")).toBool() };
}

Result<qint64> bytesOf(const QString &text)
{
    static const QRegularExpression size(
        QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = size.match(text.trimmed());
    if (!match.hasMatch())
        return fail(Code::InvalidArgument,
            QObject::tr("invalid size \"%1\": use a number with b, k, m or g, like 512m").arg(text));
    const QString unit = match.captured(2).toLower();
    const double factor = unit == u"k" ? 1024.0
        : unit == u"m"                 ? 1024.0 * 1024
        : unit == u"g"                 ? 1024.0 * 1024 * 1024
                                       : 1;
    return qint64(match.captured(1).toDouble() * factor);
}

Result<QJsonObject> createBodyOf(const RunForm &form)
{
    if (form.image.isEmpty())
        return fail(Code::InvalidArgument, QObject::tr("choose an image to run"));
    QJsonObject body{ { QStringLiteral("Image"), form.image } };
    QJsonObject host;
    if (!form.command.isEmpty()) {
        auto command = shellWords(form.command);
        if (!command)
            return fail(command.error());
        body.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(*command));
    }
    QJsonObject exposed, bindings;
    for (const QString &mapping : entriesOf(form.ports, QRegularExpression(QStringLiteral("[,\\s]+")))) {
        if (auto added = addPort(mapping, exposed, bindings); !added)
            return fail(added.error());
    }
    if (!exposed.isEmpty()) {
        body.insert(QStringLiteral("ExposedPorts"), exposed);
        host.insert(QStringLiteral("PortBindings"), bindings);
    }
    QStringList env;
    for (const QString &line : entriesOf(form.env, QRegularExpression(QStringLiteral("\\n")))) {
        if (line.startsWith(u'='))
            return fail(
                Code::InvalidArgument, QObject::tr("invalid environment variable \"%1\": NAME=value").arg(line));
        env.append(line);
    }
    if (!env.isEmpty())
        body.insert(QStringLiteral("Env"), QJsonArray::fromStringList(env));
    QStringList binds;
    for (const QString &line : entriesOf(form.volumes, QRegularExpression(QStringLiteral("\\n")))) {
        const QStringList parts = line.split(u':');
        if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || !parts[1].startsWith(u'/')
            || (parts.size() == 3 && parts[2] != u"ro" && parts[2] != u"rw"))
            return fail(Code::InvalidArgument,
                QObject::tr("invalid volume \"%1\": use NAME:/path or /host/dir:/path, with :ro to make it read-only")
                    .arg(line));
        binds.append(line);
    }
    if (!binds.isEmpty())
        host.insert(QStringLiteral("Binds"), QJsonArray::fromStringList(binds));
    if (!form.memory.isEmpty()) {
        auto memory = bytesOf(form.memory);
        if (!memory)
            return fail(memory.error());
        if (*memory < 6 * 1024 * 1024)
            return fail(Code::InvalidArgument, QObject::tr("a memory limit must be at least 6m"));
        host.insert(QStringLiteral("Memory"), double(*memory));
    }
    if (!form.cpus.isEmpty()) {
        bool ok = false;
        const double cpus = form.cpus.toDouble(&ok);
        if (!ok || cpus <= 0)
            return fail(
                Code::InvalidArgument, QObject::tr("invalid CPUs \"%1\": a number above 0, like 1.5").arg(form.cpus));
        host.insert(QStringLiteral("NanoCpus"), double(qint64(cpus * 1e9)));
    }
    const QString restart = form.restart.isEmpty() ? QStringLiteral("no") : form.restart;
    if (restart != u"no" && restart != u"always" && restart != u"unless-stopped" && restart != u"on-failure")
        return fail(Code::InvalidArgument, QObject::tr("invalid restart policy \"%1\"").arg(restart));
    if (restart != u"no" && form.autoRemove)
        return fail(Code::InvalidArgument, QObject::tr("a container removed when it stops cannot also restart"));
    host.insert(QStringLiteral("RestartPolicy"), QJsonObject{ { QStringLiteral("Name"), restart } });
    host.insert(QStringLiteral("AutoRemove"), form.autoRemove);
    if (!form.network.isEmpty())
        host.insert(QStringLiteral("NetworkMode"), form.network);
    body.insert(QStringLiteral("HostConfig"), host);
    return body;
}

} // namespace muelle::desktop
