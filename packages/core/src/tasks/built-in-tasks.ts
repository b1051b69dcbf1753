import type { TaskRequirements } from '../requirements/task-requirements.js';

/** What a task is: the slot an application fills with one model. */
export interface TaskDefinition {
  label: string;
  description: string;
  category: string;
  /** The capability a model needs to serve this task. */
  capability: string;
  /** What its model needs beyond the capability; `tasks.<task>.requires` replaces it. */
  requires?: TaskRequirements;
}

/**
 * The ten tasks of the desktop app this replaces, plus `sql`, `embeddings` and `ir_build`.
 * Config may add tasks, or change the label, description or default of these.
 */
export const BUILT_IN_TASKS = {
  chat: {
    label: 'Chat',
    description: 'Conversations with the assistant.',
    category: 'Conversation',
    capability: 'chat',
  },
  prd_generation: {
    label: 'PRD generation',
    description: 'Writes a product requirements document from an idea or notes.',
    category: 'Product',
    capability: 'chat',
  },
  prd_analysis: {
    label: 'PRD analysis',
    description: 'Reviews a PRD for gaps, risks and open questions.',
    category: 'Product',
    capability: 'chat',
  },
  insight_extraction: {
    label: 'Insight extraction',
    description: 'Pulls themes, pains and requests out of interviews and feedback.',
    category: 'Research',
    capability: 'chat',
    // Its results are records an application stores, asked for with a JSON Schema.
    requires: { features: ['json_schema'] },
  },
  spec_generation: {
    label: 'Spec generation',
    description: 'Turns requirements into a technical specification.',
    category: 'Engineering',
    capability: 'chat',
  },
  task_suggestions: {
    label: 'Task suggestions',
    description: 'Proposes the next tasks from a spec or a backlog.',
    category: 'Planning',
    capability: 'chat',
  },
  task_analysis: {
    label: 'Task analysis',
    description: 'Estimates, splits and finds dependencies between tasks.',
    category: 'Planning',
    capability: 'chat',
  },
  spec_refinement: {
    label: 'Spec refinement',
    description: 'Revises a specification from review comments.',
    category: 'Engineering',
    capability: 'chat',
  },
  research_generation: {
    label: 'Research generation',
    description: 'Writes research summaries and competitive analyses.',
    category: 'Research',
    capability: 'chat',
  },
  markdown_generation: {
    label: 'Markdown generation',
    description: 'Formats content as clean Markdown documents.',
    category: 'Writing',
    capability: 'chat',
  },
  sql: {
    label: 'SQL',
    description: 'Writes SQL from a question or an intermediate representation.',
    category: 'Data',
    capability: 'sql',
  },
  embeddings: {
    label: 'Embeddings',
    description: 'Turns text into vectors for search and clustering.',
    category: 'Data',
    capability: 'embeddings',
  },
  ir_build: {
    label: 'IR build',
    description: 'Turns a data question into a structured intermediate representation for SQL.',
    category: 'Data',
    capability: 'chat',
    // `POST /v1/ir/build` asks for a zod-validated object through the model's structured output.
    requires: { features: ['json_schema'] },
  },
} as const satisfies Record<string, TaskDefinition>;

export type BuiltInTask = keyof typeof BUILT_IN_TASKS;

export const BUILT_IN_TASK_NAMES = Object.keys(BUILT_IN_TASKS) as BuiltInTask[];

/** Task names: lower-case words joined by `_`. */
export const TASK_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
