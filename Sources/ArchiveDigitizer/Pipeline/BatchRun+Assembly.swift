import Foundation

/// File assembly: a finished archival file split into documents, their metadata read and one
/// searchable PDF written per document, on the assembler thread.
extension BatchRun {
    /// Splits `job` into documents and writes their PDFs; never throws: a failure is the outcome.
    static func assemble(_ job: AssemblyJob, writer: SearchablePDFWriter, splitter: DocumentSplitter, archive: URL) -> AssemblyOutcome {
        let start = Date()
        var stages = StageTimes()
        // Boundaries a person decided are not in doubt; the splitter's are when a page's header is ambiguous.
        let (spans, doubts) = stages.measure(.metadata) {
            job.corrections.spans(covering: job.pages).map { ($0, [Int: String]()) } ?? splitter.splitNotingDoubts(job.pages)
        }
        let extractor = MetadataExtractor()
        var documents: [AssembledDocument] = []
        let documentPages = spans.map { span in job.pages.filter { $0.pageNumber >= span.firstPage && $0.pageNumber <= span.lastPage } }
        let allMetadata = extractor.extract(documents: documentPages)
        do {
            for (index, span) in spans.enumerated() {
                let ordinal = index + 1
                let pages = documentPages[index]
                let code = DocumentNaming.documentCode(fileCode: job.fileCode, ordinal: ordinal)
                let relativePath = DocumentNaming.relativePath(fileCode: job.fileCode, ordinal: ordinal)
                var metadata = allMetadata[index]
                if doubts[span.firstPage] != nil {
                    metadata.confidence["boundaries"] = DocumentSplitter.boundaryDoubtConfidence
                    metadata.review = ((metadata.review ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty } + ["boundaries"]).joined(separator: ", ")
                }
                job.corrections.apply(to: &metadata, firstPage: span.firstPage)
                let title = metadata.title.isEmpty ? code : metadata.title
                let info = PDFDocumentInfo(document: code, fileCode: job.fileCode, metadata: metadata)
                let written = try stages.measure(.pdf) { try writer.write(pages.map(\.pdf), info: info, to: archive.appendingPathComponent(relativePath)) }
                let json = (try? String(data: JSONEncoder.sorted.encode(metadata), encoding: .utf8)) ?? "{}"
                documents.append(AssembledDocument(ordinal: ordinal, code: code, firstPage: span.firstPage, lastPage: span.lastPage,
                                                   title: title, metadataJSON: json, relativePath: relativePath, written: written))
            }
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode, result: .success(documents),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        } catch let AssemblyError.writeFailed(error) {
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode,
                                   result: .failure(AssemblyFailure(message: error.description, isFatal: error.isFatalForRun)),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        } catch {
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode,
                                   result: .failure(AssemblyFailure(message: "\(error)", isFatal: false)),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        }
    }
}
