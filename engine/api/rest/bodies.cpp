#include "engine/api/rest/bodies.h"

namespace muelle::engine::rest {

Result<> FileSink::open()
{
    if (!file_.isOpen() && !file_.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(Code::Internal, QStringLiteral("open \"%1\": %2").arg(file_.fileName(), file_.errorString()));
    return {};
}

Result<> FileSink::write(QByteArrayView chunk)
{
    if (Result<> opened = open(); !opened)
        return opened;
    if (file_.write(chunk.constData(), chunk.size()) != chunk.size())
        return fail(
            Code::ResourceExhausted, QStringLiteral("write \"%1\": %2").arg(file_.fileName(), file_.errorString()));
    return {};
}

Result<> FileSink::finish()
{
    if (Result<> opened = open(); !opened)
        return opened;
    file_.close();
    return {};
}

} // namespace muelle::engine::rest
