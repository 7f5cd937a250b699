import type { CoreConfig } from './config.js';
import type { Answer, ReindexReport, SourcesReport } from './types.js';

export interface AskOptions {}

export class KnowledgeBase {
  static async open(_config?: CoreConfig): Promise<KnowledgeBase> { throw new Error('core in progress'); }
  async ask(_question: string): Promise<Answer> { throw new Error('core in progress'); }
  async reindex(_opts: { by?: string } = {}): Promise<ReindexReport> { throw new Error('core in progress'); }
  sources(): SourcesReport { throw new Error('core in progress'); }
}
